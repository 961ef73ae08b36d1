import { describe, expect, it } from 'vitest';
import type { RtpErrorCode } from '../errors.ts';
import { hex, thrownCode } from '../test-helpers.ts';
import {
  isVp8Keyframe,
  parseVp8Descriptor,
  serializeVp8DescriptorInto,
  vp8DescriptorSize,
  type Vp8Descriptor,
} from './vp8-descriptor.ts';

/** The descriptor of a 0x00 required octet (every flag clear) with `fields` changed. */
function vp8(fields: Partial<Vp8Descriptor>): Vp8Descriptor {
  return { ...parseVp8Descriptor(hex('00')).value, ...fields };
}

function serialize(d: Vp8Descriptor): Uint8Array {
  const buf = new Uint8Array(vp8DescriptorSize(d));
  serializeVp8DescriptorInto(d, buf, 0);
  return buf;
}

/** Layouts of RFC 7741 §4.2 (Figure 1 and its M=1 variant), one row per optional field. */
const rows: { name: string; bytes: Uint8Array; want: Vp8Descriptor; canonical?: Uint8Array }[] = [
  {
    name: 'required octet only: X=0, S=1, PID=0',
    bytes: hex('10   // X=0 N=0 S=1 PID=0'),
    want: vp8({ startOfPartition: true }),
  },
  {
    name: 'N=1 and PID=3 on a continuation packet',
    bytes: hex('23   // N=1 S=0 PID=3'),
    want: vp8({ nonReference: true, partitionIndex: 3 }),
  },
  {
    name: 'I with a 7-bit PictureID (M=0)',
    bytes: hex(`90   // X=1 S=1
                80   // I=1
                11   // M=0 PictureID=17`),
    want: vp8({ startOfPartition: true, pictureId: 17 }),
  },
  {
    name: 'I with a 15-bit PictureID (M=1)',
    bytes: hex(`90
                80
                f5 76   // M=1 PictureID=0x7576`),
    want: vp8({ startOfPartition: true, pictureId: 0x7576, longPictureId: true }),
  },
  {
    name: 'L: TL0PICIDX',
    bytes: hex(`90
                40   // L=1
                2a   // TL0PICIDX=42`),
    want: vp8({ startOfPartition: true, tl0PicIdx: 42 }),
  },
  {
    name: 'T: TID=2 with Y=1',
    bytes: hex(`90
                20   // T=1
                a0   // TID=2 Y=1 KEYIDX=0`),
    want: vp8({ startOfPartition: true, temporalLayerId: 2, layerSync: true }),
  },
  {
    name: 'K without T: KEYIDX is read and TID/Y ignored',
    bytes: hex(`90
                10   // K=1
                f1   // TID=3 Y=1 (ignored) KEYIDX=17`),
    want: vp8({ startOfPartition: true, keyIndex: 17 }),
    canonical: hex('90 10 11'),
  },
  {
    name: 'I (15-bit), L, T and K together, in that order',
    bytes: hex(`b0      // X=1 N=1 S=1 PID=0
                f0      // I=1 L=1 T=1 K=1
                80 01   // M=1 PictureID=1
                05      // TL0PICIDX=5
                65      // TID=1 Y=1 KEYIDX=5`),
    want: vp8({
      nonReference: true,
      startOfPartition: true,
      pictureId: 1,
      longPictureId: true,
      tl0PicIdx: 5,
      temporalLayerId: 1,
      layerSync: true,
      keyIndex: 5,
    }),
  },
];

describe('parseVp8Descriptor', () => {
  it('leaves every field clear for a 0x00 required octet, the base of the rows below', () => {
    const fields = Object.values(parseVp8Descriptor(hex('00')).value);
    expect(fields.every((field) => field === false || field === 0 || field === undefined)).toBe(true);
  });

  it.each(rows)('parses $name', ({ bytes, want }) => {
    const payload = new Uint8Array([...bytes, 0xaa, 0xbb]);
    expect(parseVp8Descriptor(payload)).toEqual({ value: want, bytesRead: bytes.length });
  });

  it.each(rows)('serializes $name', ({ bytes, want, canonical }) => {
    expect(serialize(want)).toEqual(canonical ?? bytes);
  });

  const errorRows: { name: string; bytes: Uint8Array; code: RtpErrorCode }[] = [
    { name: 'an empty payload', bytes: hex(''), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'X=1 without the extension octet', bytes: hex('80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'I=1 without PictureID', bytes: hex('80 80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'M=1 with one PictureID octet', bytes: hex('80 80 80'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'L=1 without TL0PICIDX', bytes: hex('80 c0 01'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'T=1 without TID octet', bytes: hex('80 20'), code: 'DESCRIPTOR_TOO_SHORT' },
    { name: 'K=1 without KEYIDX octet', bytes: hex('80 10'), code: 'DESCRIPTOR_TOO_SHORT' },
  ];

  it.each(errorRows)('rejects $name with $code', ({ bytes, code }) => {
    expect(thrownCode(() => parseVp8Descriptor(bytes))).toBe(code);
  });
});

describe('isVp8Keyframe (RFC 7741 §4.3: S=1, PID=0 and P=0)', () => {
  it.each([
    { name: 'start of partition 0 with P=0', payload: hex('10 70 00 00'), want: true },
    { name: 'the same behind a 15-bit PictureID', payload: hex('90 80 f5 76 70 72 00 9d 01 2a'), want: true },
    { name: 'an inter frame (P=1)', payload: hex('10 71 00 00'), want: false },
    { name: 'a continuation packet (S=0), whatever follows', payload: hex('00 70'), want: false },
    { name: 'the start of partition 1 (PID=1)', payload: hex('11 70'), want: false },
  ])('$name → $want', ({ payload, want }) => {
    expect(isVp8Keyframe(payload)).toBe(want);
  });

  it('rejects a partition start without the VP8 payload header', () => {
    expect(thrownCode(() => isVp8Keyframe(hex('90 80 f5 76')))).toBe('DESCRIPTOR_TOO_SHORT');
  });
});

describe('serializeVp8DescriptorInto', () => {
  it('rewrites a 7-bit PictureID as 15 bits, growing the descriptor by one octet', () => {
    const { value } = parseVp8Descriptor(hex('90 e0 11 05 40'));
    const rewritten = { ...value, pictureId: 300, longPictureId: true, tl0PicIdx: 6 };
    expect(serialize(rewritten)).toEqual(hex('90 e0 81 2c 06 40'));
  });

  it.each([
    { name: 'a 7-bit PictureID of 128', d: vp8({ pictureId: 128 }) },
    { name: 'a 15-bit PictureID of 32768', d: vp8({ pictureId: 0x8000, longPictureId: true }) },
    { name: 'PID 8', d: vp8({ partitionIndex: 8 }) },
    { name: 'TID 4', d: vp8({ temporalLayerId: 4 }) },
    { name: 'KEYIDX 32', d: vp8({ keyIndex: 32 }) },
    { name: 'TL0PICIDX 256', d: vp8({ tl0PicIdx: 256 }) },
  ])('throws RangeError for $name', ({ d }) => {
    expect(() => serialize(d)).toThrow(RangeError);
  });

  it('throws RangeError when the buffer is too small', () => {
    expect(() => serializeVp8DescriptorInto(rows[7]!.want, new Uint8Array(5), 0)).toThrow(RangeError);
  });
});
