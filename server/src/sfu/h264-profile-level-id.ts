/**
 * H264 `profile-level-id` (RFC 6184 §8.1): three hex bytes, profile_idc,
 * profile-iop (the constraint_set flags) and level_idc. Two H264 payload
 * types may only carry each other's streams when they have the same profile
 * (RFC 6184 §8.2.2); the level may differ (the decoder's is an upper bound,
 * and `level-asymmetry-allowed=1`, which every browser signals, lifts even
 * that), so matching compares profiles only.
 *
 * A profile is a profile_idc plus a pattern over profile-iop, the table
 * libwebrtc uses (h264_profile_level_id.cc), which Chromium's offers follow:
 * 42e01f is Constrained Baseline, 42001f Baseline, 4d001f Main.
 */
import type { RtpCodecParametersMap } from './rtp-parameters.ts';

export type H264Profile = 'ConstrainedBaseline' | 'Baseline' | 'Main' | 'ConstrainedHigh' | 'High' | 'PredictiveHigh444';

export interface H264ProfileLevelId {
  profile: H264Profile;
  /** level_idc (RFC 6184 §8.1), with level 1b (constraint_set3 at level_idc 11) given as 0. */
  level: number;
}

/** profile_idc, then a profile-iop pattern as mask and value ('x' bits are masked out). */
const PROFILE_PATTERNS: readonly { profileIdc: number; mask: number; value: number; profile: H264Profile }[] = [
  { profileIdc: 0x42, mask: 0b0100_1111, value: 0b0100_0000, profile: 'ConstrainedBaseline' }, // x1xx0000
  { profileIdc: 0x4d, mask: 0b1000_1111, value: 0b1000_0000, profile: 'ConstrainedBaseline' }, // 1xxx0000
  { profileIdc: 0x58, mask: 0b1100_1111, value: 0b1100_0000, profile: 'ConstrainedBaseline' }, // 11xx0000
  { profileIdc: 0x42, mask: 0b0100_1111, value: 0b0000_0000, profile: 'Baseline' }, //            x0xx0000
  { profileIdc: 0x58, mask: 0b1100_1111, value: 0b1000_0000, profile: 'Baseline' }, //            10xx0000
  { profileIdc: 0x4d, mask: 0b1010_1111, value: 0b0000_0000, profile: 'Main' }, //                0x0x0000
  { profileIdc: 0x64, mask: 0b1111_1111, value: 0b0000_0000, profile: 'High' }, //                00000000
  { profileIdc: 0x64, mask: 0b1111_1111, value: 0b0000_1100, profile: 'ConstrainedHigh' }, //     00001100
  { profileIdc: 0xf4, mask: 0b1111_1111, value: 0b0000_0000, profile: 'PredictiveHigh444' }, //   00000000
];

/** RFC 6184 §8.1: level_idc 11 with constraint_set3_flag means level 1b in these profiles. */
const LEVEL_1B_IDC = 11;
const CONSTRAINT_SET3_FLAG = 0b0001_0000;
const LEVEL_1B = 0;

/**
 * libwebrtc's default when `profile-level-id` is absent: Constrained Baseline
 * level 3.1 (RFC 6184 §8.1 says 420010, but libwebrtc and every SFU that
 * talks to browsers use this, and it is what a browser will actually send).
 */
export const DEFAULT_H264_PROFILE_LEVEL_ID = '42e01f';

/** Parses a profile-level-id; undefined when it is not 6 hex digits or names no known profile. */
export function parseH264ProfileLevelId(text: string): H264ProfileLevelId | undefined {
  if (!/^[0-9a-fA-F]{6}$/.test(text)) return undefined;
  const value = Number.parseInt(text, 16);
  const profileIdc = value >>> 16;
  const profileIop = (value >>> 8) & 0xff;
  const levelIdc = value & 0xff;
  const pattern = PROFILE_PATTERNS.find((entry) => entry.profileIdc === profileIdc && (profileIop & entry.mask) === entry.value);
  if (pattern === undefined) return undefined;
  const isLevel1b = levelIdc === LEVEL_1B_IDC && (profileIop & CONSTRAINT_SET3_FLAG) !== 0 && ['ConstrainedBaseline', 'Baseline', 'Main'].includes(pattern.profile);
  return { profile: pattern.profile, level: isLevel1b ? LEVEL_1B : levelIdc };
}

/** The profile-level-id of a codec's parameters, the default when absent; undefined when malformed. */
export function h264ProfileLevelIdOf(parameters: RtpCodecParametersMap | undefined): H264ProfileLevelId | undefined {
  const text = parameters?.['profile-level-id'];
  return parseH264ProfileLevelId(text === undefined ? DEFAULT_H264_PROFILE_LEVEL_ID : String(text));
}

/** RFC 6184 §8.2.2: same profile. False when either side's profile-level-id cannot be read. */
export function isSameH264Profile(a: RtpCodecParametersMap | undefined, b: RtpCodecParametersMap | undefined): boolean {
  const first = h264ProfileLevelIdOf(a);
  const second = h264ProfileLevelIdOf(b);
  return first !== undefined && second !== undefined && first.profile === second.profile;
}
