import { describe, expect, it } from 'vitest';
import { type H264Profile, isSameH264Profile, parseH264ProfileLevelId } from './h264-profile-level-id.ts';

describe('parseH264ProfileLevelId (RFC 6184 §8.1)', () => {
  it.each<[string, H264Profile, number]>([
    // The three Chromium 156 offers (plain-offer.sdp).
    ['42e01f', 'ConstrainedBaseline', 0x1f],
    ['42001f', 'Baseline', 0x1f],
    ['4d001f', 'Main', 0x1f],
    // constraint_set1 on Main (0x40) is still Main; constraint_set0 (0x80) makes it Constrained Baseline.
    ['4d401f', 'Main', 0x1f],
    ['4d801f', 'ConstrainedBaseline', 0x1f],
    ['58c01f', 'ConstrainedBaseline', 0x1f],
    ['58801f', 'Baseline', 0x1f],
    ['640c1f', 'ConstrainedHigh', 0x1f],
    ['64001f', 'High', 0x1f],
    ['f4001f', 'PredictiveHigh444', 0x1f],
    ['42E01F', 'ConstrainedBaseline', 0x1f],
    // Level 1b: level_idc 11 with constraint_set3 (0x10).
    ['42f00b', 'ConstrainedBaseline', 0],
    ['42e00b', 'ConstrainedBaseline', 11],
  ])('%s is %s, level %i', (text, profile, level) => {
    expect(parseH264ProfileLevelId(text)).toEqual({ profile, level });
  });

  it.each(['', '42e01', '42e01f0', 'zze01f', '000000', '4d201f', '64011f', ' 42e01f'])('rejects %j', (text) => {
    expect(parseH264ProfileLevelId(text)).toBeUndefined();
  });
});

describe('isSameH264Profile (RFC 6184 §8.2.2)', () => {
  it.each<[Record<string, string | number>, Record<string, string | number>, boolean]>([
    [{ 'profile-level-id': '42e01f' }, { 'profile-level-id': '42e034' }, true], // levels may differ
    [{ 'profile-level-id': '42e01f' }, { 'profile-level-id': '42001f' }, false],
    [{ 'profile-level-id': '42e01f' }, { 'profile-level-id': '4d801f' }, true], // both Constrained Baseline
    [{}, { 'profile-level-id': '42e01f' }, true], // absent = libwebrtc's default 42e01f
    [{}, { 'profile-level-id': '4d001f' }, false],
    [{ 'profile-level-id': 'bogus' }, { 'profile-level-id': 'bogus' }, false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(isSameH264Profile(a, b)).toBe(same);
    expect(isSameH264Profile(b, a)).toBe(same);
  });
});
