/**
 * Exercise 09-rtp-rtcp, part 1: the RTP header (reference solution).
 * See exercises/09-rtp-rtcp/rtp-header.ts for the contract.
 *
 * The SFU already parses and writes RTP: this adapts server/src/rtp/packet.ts (the fixed header,
 * CSRCs, padding) and server/src/rtp/header-extensions.ts (RFC 8285 one-byte and two-byte
 * elements) to the exercise's flat shape, and maps their RtpParseError codes to this exercise's.
 * Read those two files as the worked reference: every branch there has its RFC section.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';
import {
  ONE_BYTE_PROFILE,
  TWO_BYTE_PROFILE,
  RtpParseError,
  parseRtpPacket,
  rtpHeaderSize,
  serializeRtpHeaderInto,
  setHeaderExtension,
  type HeaderExtensionElement,
  type RtpErrorCode,
  type RtpHeader,
  type RtpHeaderExtension,
} from '#server/rtp/index.ts';

export type RtpHeaderErrorCode = 'TOO_SHORT' | 'BAD_VERSION' | 'BAD_EXTENSION' | 'BAD_PADDING';

export class RtpHeaderError extends ProtocolError<RtpHeaderErrorCode> {}

/** The exercise's shapes are flat, read-only views of the production ones (server/src/rtp/packet.ts). */
type FixedFields = Readonly<Pick<RtpHeader, 'marker' | 'payloadType' | 'sequenceNumber' | 'timestamp' | 'ssrc'>>;

export type ExtensionElement = Readonly<HeaderExtensionElement>;

export interface RtpHeaderFields extends FixedFields {
  readonly version: number;
  readonly padding: boolean;
  readonly extension: boolean;
  readonly csrcs: readonly number[];
  readonly extensionProfile: number | undefined;
  readonly extensions: readonly ExtensionElement[];
  readonly headerLength: number;
  readonly payloadLength: number;
}

export type RtpHeaderInput = Omit<FixedFields, 'marker'> &
  Partial<Pick<RtpHeaderFields, 'marker' | 'padding' | 'csrcs' | 'extensions'>>;

/** The production parser's codes, as this exercise names them (the others cannot come from a header). */
const ERROR_CODES: Partial<Record<RtpErrorCode, RtpHeaderErrorCode>> = {
  PACKET_TOO_SHORT: 'TOO_SHORT',
  BAD_VERSION: 'BAD_VERSION',
  EXTENSION_TOO_LONG: 'BAD_EXTENSION',
  BAD_EXTENSION_ELEMENT: 'BAD_EXTENSION',
  BAD_PADDING: 'BAD_PADDING',
};

function profileOf(extension: RtpHeaderExtension): number {
  if (extension.kind === 'one-byte') return ONE_BYTE_PROFILE;
  if (extension.kind === 'two-byte') return TWO_BYTE_PROFILE | extension.appBits;
  return extension.profile;
}

export function parseRtpHeader(bytes: Uint8Array): RtpHeaderFields {
  let packet;
  try {
    packet = parseRtpPacket(bytes);
  } catch (error) {
    const code = error instanceof RtpParseError ? ERROR_CODES[error.code] : undefined;
    if (code === undefined) throw error;
    throw new RtpHeaderError(code, error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { extension } = packet;
  return {
    version: 2,
    padding: packet.paddingSize > 0,
    extension: extension !== undefined,
    marker: packet.marker,
    payloadType: packet.payloadType,
    sequenceNumber: packet.sequenceNumber,
    timestamp: packet.timestamp,
    ssrc: packet.ssrc,
    csrcs: packet.csrcs,
    extensionProfile: extension === undefined ? undefined : profileOf(extension),
    extensions: extension === undefined || extension.kind === 'raw' ? [] : extension.elements,
    headerLength: bytes.length - packet.payload.length - packet.paddingSize,
    payloadLength: packet.payload.length,
  };
}

export function serializeRtpHeader(fields: RtpHeaderInput): Uint8Array {
  const header: RtpHeader = {
    marker: fields.marker ?? false,
    payloadType: fields.payloadType,
    sequenceNumber: fields.sequenceNumber,
    timestamp: fields.timestamp,
    ssrc: fields.ssrc,
    csrcs: [...(fields.csrcs ?? [])],
    extension: undefined,
  };
  // setHeaderExtension starts in the one-byte form and moves to two-byte when an element needs it.
  for (const element of fields.extensions ?? []) setHeaderExtension(header, element.id, element.data);
  const bytes = new Uint8Array(rtpHeaderSize(header));
  serializeRtpHeaderInto(header, bytes, 0, { padding: fields.padding ?? false });
  return bytes;
}
