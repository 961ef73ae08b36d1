/**
 * H.264 RTP payloads (RFC 6184) in packetization-mode 0 and 1, the modes
 * WebRTC uses: single NAL unit packets (§5.6), STAP-A (§5.7.1) and FU-A
 * (§5.8). H.264 has no payload descriptor; an SFU reads the NAL unit types to
 * find key frames (IDR slices, parameter sets).
 *
 * NAL unit header (RFC 6184 §1.3), first octet of every payload:
 *   +---------------+
 *   |0|1|2|3|4|5|6|7|
 *   +-+-+-+-+-+-+-+-+
 *   |F|NRI|  Type   |
 *   +---------------+
 *
 * STAP-A (§5.7.1, Figure 7):
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |STAP-A NAL HDR |         NALU 1 Size           | NALU 1 HDR    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         NALU 1 Data                           |
 *   :                                                               :
 *   +               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |               | NALU 2 Size                   | NALU 2 HDR    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         NALU 2 Data                           |
 *   :                                                               :
 *
 * FU-A (§5.8, Figures 14 and 16):
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | FU indicator  |   FU header   |  FU indicator: |F|NRI|Type=28|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  FU header:    |S|E|R| Type  |
 *   |         FU payload ...        |
 */
import { RtpParseError, requireDescriptorBytes } from '../errors.ts';
import { readU16 } from '../wire.ts';

/** RFC 6184 §5.2 Table 1 and H.264 Table 7-1: the nal_unit_type values an SFU looks at. */
export const H264NalUnitType = {
  /** Coded slice of an IDR picture: a decoder can start here. */
  IDR: 5,
  /** Sequence parameter set. */
  SPS: 7,
  /** Picture parameter set. */
  PPS: 8,
  STAP_A: 24,
  FU_A: 28,
} as const;

const TYPE_MASK = 0x1f;
const FU_START_BIT = 0x80;
const FU_END_BIT = 0x40;
const STAP_A_SIZE_LENGTH = 2;
/** RFC 6184 §5.2: types 1-23 are a single NAL unit carried whole. */
const MAX_SINGLE_NAL_TYPE = 23;

export interface H264Fragment {
  /** S: this FU carries the first byte of the NAL unit. */
  start: boolean;
  /** E: this FU carries the last byte of the NAL unit. */
  end: boolean;
  /** The fragmented NAL unit's type, from the FU header. */
  nalUnitType: number;
  /** The FU payload: a view, without the FU indicator and header. */
  data: Uint8Array;
}

/** What one RTP payload carries. */
export interface H264Payload {
  /**
   * RFC 6184 §5.2. `unsupported` covers STAP-B, MTAP and FU-B (interleaved
   * mode only, §5.4) and the reserved types 0, 30 and 31: nothing inside is read.
   */
  packetization: 'single-nal' | 'stap-a' | 'fu-a' | 'unsupported';
  /** Whole NAL units (single NAL, STAP-A), each a view starting at its NAL header. */
  nalUnits: Uint8Array[];
  /** FU-A only. */
  fragment: H264Fragment | undefined;
}

/** Splits an H.264 RTP payload into its NAL units (views, not copies). */
export function parseH264Payload(payload: Uint8Array): H264Payload {
  requireDescriptorBytes(payload.length, 1, 'h264 NAL unit header');
  const type = payload[0]! & TYPE_MASK;
  if (type >= 1 && type <= MAX_SINGLE_NAL_TYPE) {
    return { packetization: 'single-nal', nalUnits: [payload], fragment: undefined };
  }
  if (type === H264NalUnitType.STAP_A) {
    return { packetization: 'stap-a', nalUnits: parseStapA(payload), fragment: undefined };
  }
  if (type === H264NalUnitType.FU_A) {
    requireDescriptorBytes(payload.length, 2, 'h264 FU header');
    const header = payload[1]!;
    // RFC 6184 §5.8 forbids S and E together; like libwebrtc, we read such a FU anyway.
    const fragment: H264Fragment = {
      start: (header & FU_START_BIT) !== 0,
      end: (header & FU_END_BIT) !== 0,
      nalUnitType: header & TYPE_MASK,
      data: payload.subarray(2),
    };
    return { packetization: 'fu-a', nalUnits: [], fragment };
  }
  return { packetization: 'unsupported', nalUnits: [], fragment: undefined };
}

function parseStapA(payload: Uint8Array): Uint8Array[] {
  const units: Uint8Array[] = [];
  let offset = 1;
  while (offset < payload.length) {
    requireDescriptorBytes(payload.length, offset + STAP_A_SIZE_LENGTH, 'h264 STAP-A NALU size');
    const size = readU16(payload, offset);
    offset += STAP_A_SIZE_LENGTH;
    // A NAL unit is at least its header octet; a 0 size leaves nothing to type.
    if (size === 0) throw new RtpParseError('BAD_DESCRIPTOR', `rtp: h264 STAP-A unit ${units.length} has size 0`);
    requireDescriptorBytes(payload.length, offset + size, 'h264 STAP-A NAL unit');
    units.push(payload.subarray(offset, offset + size));
    offset += size;
  }
  // RFC 6184 §5.7.1: an aggregation packet carries at least one unit.
  if (units.length === 0) throw new RtpParseError('BAD_DESCRIPTOR', 'rtp: h264 STAP-A without NAL units');
  return units;
}

/** nal_unit_type of every NAL unit in the payload, or of the fragmented one for FU-A. */
export function h264NalUnitTypes(parsed: H264Payload): number[] {
  if (parsed.fragment !== undefined) return [parsed.fragment.nalUnitType];
  return parsed.nalUnits.map((unit) => unit[0]! & TYPE_MASK);
}

/**
 * Whether the packet starts a key frame: it carries an SPS (WebRTC senders
 * put SPS and PPS right before every IDR picture) or the start of an IDR
 * slice (a whole one, or the first FU-A fragment of one).
 */
export function isH264Keyframe(payload: Uint8Array): boolean {
  const parsed = parseH264Payload(payload);
  if (parsed.fragment !== undefined && !parsed.fragment.start) return false;
  return h264NalUnitTypes(parsed).some((type) => type === H264NalUnitType.SPS || type === H264NalUnitType.IDR);
}
