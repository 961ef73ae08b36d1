import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from '../errors.ts';
import { hex, thrownCode } from '../test-helpers.ts';
import {
  isVp9Keyframe,
  parseVp9Descriptor,
  serializeVp9DescriptorInto,
  vp9DescriptorSize,
  type Vp9Descriptor,
} from './vp9-descriptor.ts';

/** The descriptor of a 0x00 required octet (every flag clear) with `fields` changed. */
function vp9(fields: Partial<Vp9Descriptor>): Vp9Descriptor {
  return { ...parseVp9Descriptor(hex('00')).value, ...fields };
}

function serialize(d: Vp9Descriptor): Uint8Array {
  const buf = new Uint8Array(vp9DescriptorSize(d));
  serializeVp9DescriptorInto(d, buf, 0);
  return buf;
}

/** The two layouts of RFC 9628 §4.2 and the SS of §4.2.1, one row per optional part. */
const rows: { name: string; bytes: Uint8Array; want: Vp9Descriptor }[] = [
  {
    name: 'required octet only: a whole frame in one packet (B=1, E=1)',
    bytes: hex('0c   // I=0 P=0 L=0 F=0 B=1 E=1 V=0 Z=0'),
    want: vp9({ startOfFrame: true, endOfFrame: true }),
  },
  {
    name: 'non-flexible mode: 7-bit PictureID, layer indices and TL0PICIDX',
    bytes: hex(`ac   // I=1 P=0 L=1 F=0 B=1 E=1
                05   // M=0 PictureID=5
                53   // TID=2 U=1 SID=1 D=1
                07   // TL0PICIDX=7`),
    want: vp9({
      startOfFrame: true,
      endOfFrame: true,
      pictureId: 5,
      layer: { temporalId: 2, switchingUpPoint: true, spatialId: 1, interLayerDependency: true },
      tl0PicIdx: 7,
    }),
  },
  {
    name: 'flexible mode: 15-bit PictureID, layer indices and three P_DIFF',
    bytes: hex(`f9      // I=1 P=1 L=1 F=1 B=1 E=0 V=0 Z=1
                80 2a   // M=1 PictureID=42
                20      // TID=1 U=0 SID=0 D=0
                03      // P_DIFF=1 N=1
                05      // P_DIFF=2 N=1
                08      // P_DIFF=4 N=0`),
    want: vp9({
      interPicturePredicted: true,
      flexibleMode: true,
      startOfFrame: true,
      notReferenceForUpperSpatialLayers: true,
      pictureId: 42,
      longPictureId: true,
      layer: { temporalId: 1, switchingUpPoint: false, spatialId: 0, interLayerDependency: false },
      referenceIndexDiffs: [1, 2, 4],
    }),
  },
  {
    name: 'V: scalability structure with two resolutions and a two-frame picture group',
    bytes: hex(`8a            // I=1 B=1 V=1
                01            // PictureID=1
                38            // N_S=1 (2 layers) Y=1 G=1
                01 40 00 b4   // 320x180
                02 80 01 68   // 640x360
                02            // N_G=2
                04 02         // TID=0 U=0 R=1, P_DIFF=2
                34 01         // TID=1 U=1 R=1, P_DIFF=1`),
    want: vp9({
      startOfFrame: true,
      pictureId: 1,
      scalabilityStructure: {
        spatialLayers: 2,
        resolutions: [
          { width: 320, height: 180 },
          { width: 640, height: 360 },
        ],
        pictureGroup: [
          { temporalId: 0, switchingUpPoint: false, referenceIndexDiffs: [2] },
          { temporalId: 1, switchingUpPoint: true, referenceIndexDiffs: [1] },
        ],
      },
    }),
  },
  {
    name: 'V: scalability structure with neither resolutions nor picture group',
    bytes: hex(`0a   // B=1 V=1
                40   // N_S=2 (3 layers) Y=0 G=0`),
    want: vp9({ startOfFrame: true, scalabilityStructure: { spatialLayers: 3, resolutions: undefined, pictureGroup: undefined } }),
  },
];

describe('parseVp9Descriptor', () => {
  it('leaves every field clear for a 0x00 required octet, the base of the rows below', () => {
    const fields = Object.values(parseVp9Descriptor(hex('00')).value);
    const clear = (field: unknown): boolean => field === false || field === undefined || (Array.isArray(field) && field.length === 0);
    expect(fields.every(clear)).toBe(true);
  });

  it.each(rows)('parses $name', ({ bytes, want }) => {
    const payload = new Uint8Array([...bytes, 0x82, 0x49]);
    expect(parseVp9Descriptor(payload)).toEqual({ value: want, bytesRead: bytes.length });
  });

  it.each(rows)('serializes $name', ({ bytes, want }) => {
    expect(serialize(want)).toEqual(bytes);
  });

  const errorRows: { name: string; bytes: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'an empty payload', bytes: hex(''), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'I=1 without PictureID', bytes: hex('80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'M=1 with one PictureID octet', bytes: hex('80 80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'L=1 without layer indices', bytes: hex('20'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'non-flexible L=1 without TL0PICIDX', bytes: hex('20 00'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'flexible P=1 without P_DIFF', bytes: hex('50'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'N=1 on the last P_DIFF present', bytes: hex('50 03'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'a fourth P_DIFF (RFC 9628 §4.2: up to 3)', bytes: hex('50 03 03 03 02'), code: 'BAD_DESCRIPTOR' },
    { name: 'V=1 without SS', bytes: hex('02'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'SS with one of two resolutions', bytes: hex('02 30 01 40 00 b4'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'SS G=1 without N_G', bytes: hex('02 08'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'SS picture group shorter than N_G', bytes: hex('02 08 02 00'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'SS frame without its P_DIFF', bytes: hex('02 08 01 08 01'), code: 'DESCRIPTOR_TOO_SHORT' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ bytes, code }) => {
    expect(thrownCode(() => parseVp9Descriptor(bytes))).toBe(code);
  });
});

describe('isVp9Keyframe (P=0, B=1, SID=0)', () => {
  it.each([
    { name: 'B=1 and P=0 without layer indices', payload: hex('08'), want: true },
    { name: 'B=1 and P=0 on spatial layer 0', payload: hex('28 00 00'), want: true },
    { name: 'B=1 and P=0 on spatial layer 1, which depends on layer 0', payload: hex('28 02 00'), want: false },
    { name: 'an inter-predicted picture (P=1)', payload: hex('48'), want: false },
    { name: 'a packet in the middle of a key frame (B=0)', payload: hex('00'), want: false },
  ])('$name → $want', ({ payload, want }) => {
    expect(isVp9Keyframe(payload)).toBe(want);
  });

  it('rejects a truncated descriptor', () => {
    expect(thrownCode(() => isVp9Keyframe(hex('a8 05')))).toBe('DESCRIPTOR_TOO_SHORT');
  });
});

describe('serializeVp9DescriptorInto', () => {
  it('rewrites PictureID and TL0PICIDX for a layer switch', () => {
    const { value } = parseVp9Descriptor(rows[1]!.bytes);
    expect(serialize({ ...value, pictureId: 0x1234, longPictureId: true, tl0PicIdx: 200 })).toEqual(hex('ac 92 34 53 c8'));
  });

  const flexible = vp9({ flexibleMode: true, interPicturePredicted: true, referenceIndexDiffs: [1] });
  const ss = { spatialLayers: 1, resolutions: undefined, pictureGroup: undefined };
  it.each([
    { name: 'non-flexible layer indices without TL0PICIDX', d: vp9({ layer: rows[1]!.want.layer }) },
    { name: 'TL0PICIDX in flexible mode', d: { ...flexible, layer: rows[1]!.want.layer, tl0PicIdx: 1 } },
    { name: 'TL0PICIDX without layer indices', d: vp9({ tl0PicIdx: 1 }) },
    { name: 'flexible P=1 without P_DIFF', d: { ...flexible, referenceIndexDiffs: [] } },
    { name: 'four P_DIFF', d: { ...flexible, referenceIndexDiffs: [1, 2, 3, 4] } },
    { name: 'P_DIFF without P', d: { ...flexible, interPicturePredicted: false } },
    { name: 'P_DIFF 128', d: { ...flexible, referenceIndexDiffs: [128] } },
    { name: 'spatial id 8', d: vp9({ layer: { ...rows[1]!.want.layer!, spatialId: 8 }, tl0PicIdx: 0 }) },
    { name: 'SS with 9 spatial layers', d: vp9({ scalabilityStructure: { ...ss, spatialLayers: 9 } }) },
    { name: 'SS with fewer resolutions than layers', d: vp9({ scalabilityStructure: { ...ss, spatialLayers: 2, resolutions: [{ width: 1, height: 1 }] } }) },
    {
      name: 'SS frame with 4 references',
      d: vp9({
        scalabilityStructure: {
          ...ss,
          pictureGroup: [{ temporalId: 0, switchingUpPoint: false, referenceIndexDiffs: [1, 1, 1, 1] }],
        },
      }),
    },
  ])('throws RangeError for $name', ({ d }) => {
    expect(() => serialize(d)).toThrow(RangeError);
  });
});
