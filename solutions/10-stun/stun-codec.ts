/**
 * Exercise 10-stun: a STUN message codec (reference solution).
 * See exercises/10-stun/stun-codec.ts for the contract.
 *
 * The SFU already speaks STUN, and server/src/stun/ is the worked reference, one piece per file
 * with its RFC section: header.ts (the 20-byte header and its checks), message-type.ts (the
 * interleaved method and class bits), tlv.ts (attributes and padding), message.ts
 * (serializeStunMessage: how MESSAGE-INTEGRITY and FINGERPRINT are appended, and the ordering
 * rule), integrity.ts (HMAC-SHA1 over a header with a patched length), fingerprint.ts and crc32.ts,
 * attributes/address.ts and attributes/xor-mapped-address.ts. This file adapts that package to the
 * exercise's flat attribute list ({ type, value }, never interpreted) and maps its StunParseError
 * codes to this exercise's.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';
import { parseXorMappedAddress, serializeXorMappedAddress } from '#server/stun/attributes/xor-mapped-address.ts';
import { checkUint, copyBytes } from '#server/stun/bytes.ts';
import { TRANSACTION_ID_SIZE, parseStunHeader } from '#server/stun/header.ts';
import {
  StunParseError,
  decodeMessageType,
  encodeMessageType,
  longTermKey,
  serializeStunMessage,
  shortTermKey,
  verifyFingerprint,
  verifyMessageIntegrity,
  type StunClass,
  type StunErrorCode,
  type TransportAddress,
} from '#server/stun/index.ts';
import { readAttributeSlots } from '#server/stun/tlv.ts';

export { AttributeType, MAGIC_COOKIE } from '#server/stun/index.ts';

export type StunCodecErrorCode = 'TOO_SHORT' | 'NOT_STUN' | 'BAD_COOKIE' | 'BAD_LENGTH' | 'TRUNCATED_ATTRIBUTE' | 'BAD_ADDRESS';

export class StunCodecError extends ProtocolError<StunCodecErrorCode> {}

/** The production codes this exercise's API can meet (it never interprets other attributes). */
const CODES: Partial<Record<StunErrorCode, StunCodecErrorCode>> = {
  MESSAGE_TOO_SHORT: 'TOO_SHORT',
  NOT_STUN: 'NOT_STUN',
  BAD_MAGIC_COOKIE: 'BAD_COOKIE',
  BAD_LENGTH: 'BAD_LENGTH',
  ATTRIBUTE_TRUNCATED: 'TRUNCATED_ATTRIBUTE',
  BAD_ADDRESS_FAMILY: 'BAD_ADDRESS',
  BAD_ATTRIBUTE_LENGTH: 'BAD_ADDRESS',
};

/** Runs `action`, turning the production package's StunParseError into this exercise's error. */
function translated<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    const code = error instanceof StunParseError ? CODES[error.code] : undefined;
    if (code === undefined) throw error;
    throw new StunCodecError(code, (error as Error).message, { cause: error });
  }
}

export type MessageClass = StunClass;

export interface StunAttributeTlv {
  readonly type: number;
  readonly value: Uint8Array;
}

export interface StunMessageFields {
  readonly type: number;
  readonly transactionId: Uint8Array;
  readonly attributes: readonly StunAttributeTlv[];
}

export interface DecodedStunMessage extends StunMessageFields {
  readonly method: number;
  readonly messageClass: MessageClass;
  readonly length: number;
}

/** What longTermKey() takes, without its algorithm choice (MD5 here). */
export type LongTermCredentials = Omit<Parameters<typeof longTermKey>[0], 'algorithm'>;

export type Password = string | LongTermCredentials;

export interface EncodeOptions {
  readonly password?: Password;
  readonly fingerprint?: boolean;
  readonly paddingByte?: number;
}

export type MappedAddress = TransportAddress;

function keyOf(password: Password): Uint8Array {
  return typeof password === 'string' ? shortTermKey(password) : longTermKey(password);
}

function requireTransactionId(transactionId: Uint8Array): { transactionId: Uint8Array } {
  if (transactionId.length !== TRANSACTION_ID_SIZE) {
    throw new RangeError(`stun: transaction id must be ${TRANSACTION_ID_SIZE} bytes, got ${transactionId.length}`);
  }
  return { transactionId };
}

export function messageType(method: number, messageClass: MessageClass): number {
  return encodeMessageType({ method, messageClass });
}

export function decodeStunMessage(bytes: Uint8Array): DecodedStunMessage {
  return translated(() => {
    const header = parseStunHeader(bytes);
    return {
      type: header.type,
      ...decodeMessageType(header.type),
      length: header.length,
      transactionId: copyBytes(header.transactionId),
      attributes: readAttributeSlots(bytes).map(({ type, value }) => ({ type, value: copyBytes(value) })),
    };
  });
}

export function encodeStunMessage(message: StunMessageFields, options: EncodeOptions = {}): Uint8Array {
  const { method, messageClass } = decodeMessageType(checkUint('message type', message.type, 14));
  return serializeStunMessage(
    {
      method,
      messageClass,
      transactionId: message.transactionId,
      attributes: message.attributes.map(({ type, value }) => ({ kind: 'RAW', type, value })),
    },
    {
      integrityKey: options.password === undefined ? undefined : keyOf(options.password),
      fingerprint: options.fingerprint,
      paddingByte: options.paddingByte,
    },
  );
}

export function checkIntegrity(bytes: Uint8Array, password: Password): boolean {
  return translated(() => verifyMessageIntegrity(bytes, keyOf(password)));
}

export function checkFingerprint(bytes: Uint8Array): boolean {
  return translated(() => verifyFingerprint(bytes));
}

export function encodeXorMappedAddress(address: MappedAddress, transactionId: Uint8Array): Uint8Array {
  return serializeXorMappedAddress({ kind: 'XOR-MAPPED-ADDRESS', address }, requireTransactionId(transactionId));
}

export function decodeXorMappedAddress(value: Uint8Array, transactionId: Uint8Array): MappedAddress {
  const context = requireTransactionId(transactionId);
  return translated(() => parseXorMappedAddress(value, context).address);
}
