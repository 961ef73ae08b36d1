import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from '../errors.ts';
import { hex, thrownCode } from '../test-helpers.ts';
import { h264NalUnitTypes, isH264Keyframe, parseH264Payload, type H264Payload } from './h264-payload.ts';

const rows: { name: string; payload: Uint8Array; want: H264Payload; types: number[]; keyframe: boolean }[] = [
  {
    name: 'RFC 6184 §5.6 single NAL unit: IDR slice',
    payload: hex('65 88 84 00   // F=0 NRI=3 Type=5'),
    want: { packetization: 'single-nal', nalUnits: [hex('65 88 84 00')], fragment: undefined },
    types: [5],
    keyframe: true,
  },
  {
    name: 'RFC 6184 §5.6 single NAL unit: non-IDR slice',
    payload: hex('41 9a 00   // NRI=2 Type=1'),
    want: { packetization: 'single-nal', nalUnits: [hex('41 9a 00')], fragment: undefined },
    types: [1],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.6 single NAL unit: SPS',
    payload: hex('67 42 c0 1f'),
    want: { packetization: 'single-nal', nalUnits: [hex('67 42 c0 1f')], fragment: undefined },
    types: [7],
    keyframe: true,
  },
  {
    name: 'RFC 6184 §5.6 single NAL unit: PPS alone',
    payload: hex('68 ce 3c 80'),
    want: { packetization: 'single-nal', nalUnits: [hex('68 ce 3c 80')], fragment: undefined },
    types: [8],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.7.1 STAP-A with SPS, PPS and IDR, as WebRTC starts a key frame',
    payload: hex(`78             // STAP-A NAL HDR: NRI=3 Type=24
                  00 04          // NALU 1 Size
                  67 42 c0 1f    // NALU 1: SPS
                  00 04          // NALU 2 Size
                  68 ce 3c 80    // NALU 2: PPS
                  00 03          // NALU 3 Size
                  65 88 84       // NALU 3: IDR slice`),
    want: {
      packetization: 'stap-a',
      nalUnits: [hex('67 42 c0 1f'), hex('68 ce 3c 80'), hex('65 88 84')],
      fragment: undefined,
    },
    types: [7, 8, 5],
    keyframe: true,
  },
  {
    name: 'RFC 6184 §5.7.1 STAP-A with SEI and a non-IDR slice',
    payload: hex('78 00 02 06 05 00 02 41 9a'),
    want: { packetization: 'stap-a', nalUnits: [hex('06 05'), hex('41 9a')], fragment: undefined },
    types: [6, 1],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.8 FU-A: first fragment of an IDR slice',
    payload: hex(`7c      // FU indicator: NRI=3 Type=28
                  85      // FU header: S=1 E=0 R=0 Type=5
                  88 84`),
    want: {
      packetization: 'fu-a',
      nalUnits: [],
      fragment: { start: true, end: false, nalUnitType: 5, data: hex('88 84') },
    },
    types: [5],
    keyframe: true,
  },
  {
    name: 'RFC 6184 §5.8 FU-A: middle fragment of an IDR slice',
    payload: hex('7c 05 aa'),
    want: { packetization: 'fu-a', nalUnits: [], fragment: { start: false, end: false, nalUnitType: 5, data: hex('aa') } },
    types: [5],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.8 FU-A: last fragment of an IDR slice',
    payload: hex('7c 45 aa'),
    want: { packetization: 'fu-a', nalUnits: [], fragment: { start: false, end: true, nalUnitType: 5, data: hex('aa') } },
    types: [5],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.8 FU-A: first fragment of a non-IDR slice',
    payload: hex('5c 81 aa'),
    want: { packetization: 'fu-a', nalUnits: [], fragment: { start: true, end: false, nalUnitType: 1, data: hex('aa') } },
    types: [1],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.7.1 STAP-B (interleaved mode only) is not read',
    payload: hex('59 00 01 00 02 65 88'),
    want: { packetization: 'unsupported', nalUnits: [], fragment: undefined },
    types: [],
    keyframe: false,
  },
  {
    name: 'RFC 6184 §5.2 reserved type 0 is not read',
    payload: hex('00 01'),
    want: { packetization: 'unsupported', nalUnits: [], fragment: undefined },
    types: [],
    keyframe: false,
  },
];

describe('parseH264Payload', () => {
  it.each(rows)('parses $name', ({ payload, want, types }) => {
    const parsed = parseH264Payload(payload);
    expect(parsed).toEqual(want);
    expect(h264NalUnitTypes(parsed)).toEqual(types);
  });

  it('returns NAL units as views into the payload', () => {
    const payload = rows[4]!.payload;
    const [sps] = parseH264Payload(payload).nalUnits;
    expect(sps!.buffer).toBe(payload.buffer);
    expect(sps!.byteOffset).toBe(payload.byteOffset + 3);
  });

  const errorRows: { name: string; payload: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'an empty payload', payload: hex(''), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'an FU-A without FU header', payload: hex('7c'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a STAP-A without NAL units', payload: hex('78'), code: 'BAD_DESCRIPTOR' },
    { name: 'a STAP-A with half a size field', payload: hex('78 00 02 06 05 00'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a STAP-A unit longer than the payload', payload: hex('78 00 05 65 88'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a STAP-A unit of size 0', payload: hex('78 00 00 00 01 65'), code: 'BAD_DESCRIPTOR' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ payload, code }) => {
    expect(thrownCode(() => parseH264Payload(payload))).toBe(code);
  });
});

describe('isH264Keyframe (SPS, or the start of an IDR slice)', () => {
  it.each(rows)('$name → $keyframe', ({ payload, keyframe }) => {
    expect(isH264Keyframe(payload)).toBe(keyframe);
  });
});
