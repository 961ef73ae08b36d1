/**
 * ERROR-CODE (0x0009, RFC 8489 §14.8): the code and reason of an error response.
 *
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |           Reserved, should be 0         |Class|     Number    |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |      Reason Phrase (variable)                                ..
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Class is the hundreds digit, 3 to 6; Number is the code modulo 100, 0 to 99.
 * Splitting the code keeps the encoding independent of the number's binary
 * form (RFC 8489 §14.8). The reason phrase is UTF-8 for a human reader.
 */
import { StunParseError, requireAttributeLength } from '../errors.ts';
import { MAX_TEXT_BYTES, parseText, serializeText } from './text.ts';

/** Codes this package names (RFC 8489 §14.8, RFC 8445 §16.1 for 487). Any code 300–699 parses. */
export const ErrorCode = {
  TryAlternate: 300,
  BadRequest: 400,
  Unauthenticated: 401,
  UnknownAttribute: 420,
  StaleNonce: 438,
  RoleConflict: 487,
  ServerError: 500,
} as const;

const REASON_PHRASES: Readonly<Record<number, string>> = {
  300: 'Try Alternate',
  400: 'Bad Request',
  401: 'Unauthenticated',
  420: 'Unknown Attribute',
  438: 'Stale Nonce',
  487: 'Role Conflict',
  500: 'Server Error',
};

/** The reason phrase the RFCs suggest for `code` (RFC 8489 §14.8), or '' for codes they do not name. */
export function defaultReason(code: number): string {
  return REASON_PHRASES[code] ?? '';
}

export interface ErrorCodeAttribute {
  readonly kind: 'ERROR-CODE';
  /** 300–699. */
  readonly code: number;
  readonly reason: string;
}

const CLASS_OFFSET = 2;
const NUMBER_OFFSET = 3;
const REASON_OFFSET = 4;
const CLASS_MASK = 0x07;
const MIN_CLASS = 3;
const MAX_CLASS = 6;
const MAX_NUMBER = 99;

export function parseErrorCode(value: Uint8Array): ErrorCodeAttribute {
  requireAttributeLength(value.length >= REASON_OFFSET, 'ERROR-CODE', value.length, 'at least 4');
  // The 21 reserved bits above Class are ignored, as their name says.
  const errorClass = value[CLASS_OFFSET]! & CLASS_MASK;
  const number = value[NUMBER_OFFSET]!;
  if (errorClass < MIN_CLASS || errorClass > MAX_CLASS || number > MAX_NUMBER) {
    throw new StunParseError('BAD_ERROR_CODE', `stun: ERROR-CODE class ${errorClass} number ${number} is not a code 300..699`);
  }
  const reason = parseText(value.subarray(REASON_OFFSET), 'ERROR-CODE reason', MAX_TEXT_BYTES);
  return { kind: 'ERROR-CODE', code: errorClass * 100 + number, reason };
}

export function serializeErrorCode(attribute: ErrorCodeAttribute): Uint8Array {
  const { code } = attribute;
  if (!Number.isInteger(code) || code < MIN_CLASS * 100 || code >= (MAX_CLASS + 1) * 100) {
    throw new RangeError(`stun: error code must be an integer in [300, 699], got ${code}`);
  }
  const reason = serializeText(attribute.reason, 'ERROR-CODE reason', MAX_TEXT_BYTES);
  const out = new Uint8Array(REASON_OFFSET + reason.length);
  out[CLASS_OFFSET] = Math.floor(code / 100);
  out[NUMBER_OFFSET] = code % 100;
  out.set(reason, REASON_OFFSET);
  return out;
}
