import { describe, expect, it } from 'vitest';
import * as remb from './receiver-estimated-maximum-bitrate.ts';
import type { ReceiverEstimatedMaximumBitrate } from './receiver-estimated-maximum-bitrate.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: ReceiverEstimatedMaximumBitrate }[] = [
  {
    name: 'draft-alvestrand-rmcat-remb-03 §2.2 REMB of 1,000,000 bps for two SSRCs',
    bytes: hex`
      8f ce 00 06   // V=2 P=0 FMT=15, PT=PSFB=206, length=6
      00 00 00 01   // SSRC of packet sender
      00 00 00 00   // SSRC of media source (0)
      52 45 4d 42   // 'R' 'E' 'M' 'B'
      02 0b d0 90   // Num SSRC=2, BR Exp=2, BR Mantissa=250000
      00 00 00 0a   // SSRC feedback
      00 00 00 0b
    `,
    want: { kind: 'receiver-estimated-maximum-bitrate', senderSsrc: 1, mediaSsrc: 0, bitrate: 1_000_000, ssrcs: [10, 11] },
  },
  {
    name: 'draft-alvestrand-rmcat-remb-03 §2.2 zero bitrate and no SSRCs',
    bytes: hex`8f ce 00 04  00 00 00 01  00 00 00 00  52 45 4d 42  00 00 00 00`,
    want: { kind: 'receiver-estimated-maximum-bitrate', senderSsrc: 1, mediaSsrc: 0, bitrate: 0, ssrcs: [] },
  },
];

describe('REMB (draft-alvestrand-rmcat-remb-03 §2.2)', () => {
  itParsesAndWrites(remb.receiverEstimatedMaximumBitrateCodec, rows);

  it.each([
    { name: 'zero', bitrate: 0, exponent: 0, mantissa: 0 },
    { name: 'the largest 18-bit mantissa needs no exponent', bitrate: 2 ** 18 - 1, exponent: 0, mantissa: 2 ** 18 - 1 },
    { name: '2^18 is the first value with an exponent', bitrate: 2 ** 18, exponent: 1, mantissa: 2 ** 17 },
    { name: '2^18 + 1 loses its low bit, rounded down', bitrate: 2 ** 18 + 1, exponent: 1, mantissa: 2 ** 17 },
    { name: '1 Mbps', bitrate: 1_000_000, exponent: 2, mantissa: 250_000 },
    { name: '2.5 Gbps', bitrate: 2_500_000_000, exponent: 14, mantissa: 152_587 },
    { name: 'a fractional bitrate is floored', bitrate: 300.9, exponent: 0, mantissa: 300 },
    { name: 'the largest encodable value', bitrate: (2 ** 18 - 1) * 2 ** 63, exponent: 63, mantissa: 2 ** 18 - 1 },
  ])('encodes $name as exp $exponent, mantissa $mantissa', ({ bitrate, exponent, mantissa }) => {
    expect(remb.encodeRembBitrate(bitrate)).toEqual({ exponent, mantissa });
    expect(remb.decodeRembBitrate(exponent, mantissa)).toBeLessThanOrEqual(bitrate);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 18 * 2 ** 63])('refuses to encode %d', (bitrate) => {
    expect(() => remb.encodeRembBitrate(bitrate)).toThrow(RangeError);
  });

  it('keeps the estimate within 2^-17 of the true value above 2^18', () => {
    for (let bitrate = 300_000; bitrate < 5e10; bitrate = Math.floor(bitrate * 1.37) + 1) {
      const { exponent, mantissa } = remb.encodeRembBitrate(bitrate);
      const decoded = remb.decodeRembBitrate(exponent, mantissa);
      expect(decoded).toBeLessThanOrEqual(bitrate);
      expect((bitrate - decoded) / bitrate).toBeLessThan(2 ** -17);
    }
  });

  itRejects(remb.parseReceiverEstimatedMaximumBitrate, [
    { name: 'an AFB that is not REMB', bytes: hex`8f ce 00 03  00 00 00 01  00 00 00 00  41 42 43 44`, code: 'BAD_FCI' },
    { name: 'a Num SSRC the FCI does not hold', bytes: hex`8f ce 00 04  00 00 00 01  00 00 00 00  52 45 4d 42  01 00 00 00`, code: 'BAD_FCI' },
    { name: 'the identifier with nothing after it', bytes: hex`8f ce 00 03  00 00 00 01  00 00 00 00  52 45 4d 42`, code: 'BAD_FCI' },
  ]);

  it('refuses to serialize more than 255 SSRCs (Num SSRC is 8 bits)', () => {
    const ssrcs = Array.from({ length: 256 }, (_, i) => i);
    expect(() => remb.serializeReceiverEstimatedMaximumBitrate({ ...rows[0]!.want, ssrcs })).toThrow(RangeError);
  });
});
