/**
 * AV1 RTP payloads ("RTP Payload Format for AV1", AOMedia, §4.4 aggregation
 * header and §4.5 payload structure): an aggregation header, then OBU
 * elements, each preceded by a LEB128 size except, when W > 0, the last.
 *
 *    0 1 2 3 4 5 6 7
 *   +-+-+-+-+-+-+-+-+
 *   |Z|Y| W |N|-|-|-|
 *   +-+-+-+-+-+-+-+-+
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Z|Y| W |N|-|-|-|  OBU element 1 size (leb128)  |               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               |
 *   :                      OBU element 1 data                       :
 *   |                                               |               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               |
 *   :                OBU element 2 data (no size, W=2)              :
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Layers and frame dependencies of AV1 (and of VP8/VP9/H.264 under Chromium
 * simulcast) travel in the dependency descriptor header extension instead;
 * see dependency-descriptor.ts.
 */
import { RtpParseError, requireDescriptorBytes } from '../errors.ts';

const Z_BIT = 0x80;
const Y_BIT = 0x40;
const W_SHIFT = 4;
const W_MASK = 0x03;
const N_BIT = 0x08;
const LEB128_MORE = 0x80;
const LEB128_VALUE = 0x7f;
/** AV1 bitstream §4.10.5: leb128() reads at most 8 bytes and yields at most 2^32 - 1. */
const LEB128_MAX_BYTES = 8;
const LEB128_MAX_VALUE = 0xffff_ffff;
const OBU_TYPE_SHIFT = 3;
const OBU_TYPE_MASK = 0x0f;

export interface Av1Payload {
  /** Z: the first element continues an OBU begun in the previous packet. */
  startsWithContinuation: boolean;
  /** Y: the last element continues in the next packet. */
  endsWithFragment: boolean;
  /** W: the element count when 1-3 (the last element then has no size field); 0 means every element is sized. */
  elementCount: number;
  /** N: first packet of a coded video sequence, i.e. of a key frame that resets decoding. */
  newCodedVideoSequence: boolean;
  /** The OBU elements (whole OBUs or fragments): views, not copies. */
  elements: Uint8Array[];
}

function readLeb128(payload: Uint8Array, offset: number): { value: number; bytesRead: number } {
  let value = 0;
  for (let i = 0; i < LEB128_MAX_BYTES; i++) {
    requireDescriptorBytes(payload.length, offset + i + 1, 'av1 OBU element size');
    const byte = payload[offset + i]!;
    // Multiplication, not <<, because the value may exceed 31 bits.
    value += (byte & LEB128_VALUE) * 2 ** (7 * i);
    if ((byte & LEB128_MORE) === 0) {
      if (value > LEB128_MAX_VALUE) {
        throw new RtpParseError('BAD_DESCRIPTOR', `rtp: av1 OBU element size ${value} exceeds 2^32 - 1`);
      }
      return { value, bytesRead: i + 1 };
    }
  }
  throw new RtpParseError('BAD_DESCRIPTOR', `rtp: av1 OBU element size longer than ${LEB128_MAX_BYTES} bytes`);
}

/** Parses the aggregation header and splits the OBU elements. */
export function parseAv1Payload(payload: Uint8Array): Av1Payload {
  requireDescriptorBytes(payload.length, 1, 'av1 aggregation header');
  const header = payload[0]!;
  const value: Av1Payload = {
    startsWithContinuation: (header & Z_BIT) !== 0,
    endsWithFragment: (header & Y_BIT) !== 0,
    elementCount: (header >> W_SHIFT) & W_MASK,
    newCodedVideoSequence: (header & N_BIT) !== 0,
    elements: [],
  };
  let offset = 1;
  while (offset < payload.length) {
    if (value.elements.length + 1 === value.elementCount) {
      value.elements.push(payload.subarray(offset));
      break;
    }
    const size = readLeb128(payload, offset);
    offset += size.bytesRead;
    requireDescriptorBytes(payload.length, offset + size.value, 'av1 OBU element');
    value.elements.push(payload.subarray(offset, offset + size.value));
    offset += size.value;
  }
  return value;
}

/** AV1 RTP §4.4: N=1 marks the first packet of a coded video sequence, which starts with a key frame. */
export function isAv1Keyframe(payload: Uint8Array): boolean {
  requireDescriptorBytes(payload.length, 1, 'av1 aggregation header');
  return (payload[0]! & N_BIT) !== 0;
}

/**
 * obu_type (AV1 bitstream §5.3.1) of an element that starts an OBU, e.g. 1 for
 * a sequence header; undefined for an empty element. Not meaningful for the
 * first element when Z=1, which continues an OBU.
 */
export function av1ObuType(element: Uint8Array): number | undefined {
  return element.length === 0 ? undefined : (element[0]! >> OBU_TYPE_SHIFT) & OBU_TYPE_MASK;
}
