import { describe, expect, it } from 'vitest';
import { type SourceDescription, SdesItemType, findCname, parseSourceDescription, serializeSourceDescription, sourceDescriptionCodec } from './source-description.ts';
import { hex, itParsesAndWrites, itRejects } from './test-support.ts';

const rows: { name: string; bytes: Uint8Array; want: SourceDescription }[] = [
  {
    name: 'RFC 3550 §6.5.1 one chunk with a 16-byte CNAME, ended by two null octets',
    bytes: hex`
      81 ca 00 06   // V=2 P=0 SC=1, PT=SDES=202, length=6
      33 55 b7 47   // SSRC/CSRC_1
      01 10         // CNAME=1, length=16
      62 4d 53 47 49 57 5a 37 48 75 5a 6d 65 2f 65 39  // "bMSGIWZ7HuZme/e9"
      00 00         // end of items, padding to 32 bits
    `,
    want: { kind: 'source-description', chunks: [{ source: 0x3355b747, items: [{ type: SdesItemType.Cname, text: 'bMSGIWZ7HuZme/e9' }] }] },
  },
  {
    name: 'RFC 3550 §6.5 an empty CNAME item, as Chromium sends for simulcast layers',
    bytes: hex`
      81 ca 00 02
      00 00 00 07
      01 00 00 00   // CNAME, length 0, end, padding
    `,
    want: { kind: 'source-description', chunks: [{ source: 7, items: [{ type: SdesItemType.Cname, text: '' }] }] },
  },
  {
    name: 'RFC 3550 §6.5 two chunks; items whose end falls on a word boundary need a whole null word',
    bytes: hex`
      82 ca 00 05
      00 00 00 01  01 02 61 62  00 00 00 00   // CNAME "ab": 4 + 4 bytes, then a null word
      00 00 00 02  06 01 78 00                // TOOL "x", end
    `,
    want: {
      kind: 'source-description',
      chunks: [
        { source: 1, items: [{ type: SdesItemType.Cname, text: 'ab' }] },
        { source: 2, items: [{ type: SdesItemType.Tool, text: 'x' }] },
      ],
    },
  },
  {
    name: 'RFC 3550 §6.5.8 PRIV item with prefix and value; UTF-8 NAME (§6.5)',
    bytes: hex`
      81 ca 00 04
      00 00 00 09
      08 05 02 6b 79 76 31   // PRIV, length 5, prefix length 2, "ky", value "v1"
      02 02 c3 a9            // NAME "é"
      00                     // end, already on a word boundary
    `,
    want: {
      kind: 'source-description',
      chunks: [{ source: 9, items: [{ type: SdesItemType.Priv, prefix: 'ky', text: 'v1' }, { type: SdesItemType.Name, text: 'é' }] }],
    },
  },
  {
    name: 'RFC 3550 §6.5 SC=0: an SDES with no chunks',
    bytes: hex`80 ca 00 00`,
    want: { kind: 'source-description', chunks: [] },
  },
];

describe('source description (RFC 3550 §6.5)', () => {
  itParsesAndWrites(sourceDescriptionCodec, rows);

  itRejects(parseSourceDescription, [
    { name: 'RFC 3550 §6.5 a chunk with no null terminator', bytes: hex`81 ca 00 02  00 00 00 01  01 02 61 62`, code: 'BAD_SDES' },
    { name: 'an item length past the packet', bytes: hex`81 ca 00 02  00 00 00 01  01 09 61 62`, code: 'BAD_SDES' },
    { name: 'RFC 3550 §6.5.8 a PRIV prefix longer than the item', bytes: hex`81 ca 00 02  00 00 00 01  08 01 05 00`, code: 'BAD_SDES' },
    { name: 'RFC 3550 §6.5 text that is not UTF-8', bytes: hex`81 ca 00 02  00 00 00 01  01 01 ff 00`, code: 'BAD_TEXT' },
    { name: 'SC=2 with one chunk', bytes: hex`82 ca 00 02  00 00 00 01  00 00 00 00`, code: 'PACKET_TOO_SHORT' },
    { name: 'bytes after the last chunk', bytes: hex`81 ca 00 03  00 00 00 01  00 00 00 00  00 00 00 00`, code: 'BAD_LENGTH' },
  ]);

  it.each([
    { name: 'an item over 255 bytes of UTF-8', item: { type: SdesItemType.Note, text: 'é'.repeat(128) } },
    { name: 'item type 0, which ends the list', item: { type: 0, text: 'x' } },
  ])('refuses to serialize $name', ({ item }) => {
    expect(() => serializeSourceDescription({ kind: 'source-description', chunks: [{ source: 1, items: [item] }] })).toThrow(RangeError);
  });

  it('finds the CNAME of a source, which RFC 3550 §6.5.1 makes mandatory', () => {
    const packet = rows[0]!.want;
    expect(findCname(packet, 0x3355b747)).toBe('bMSGIWZ7HuZme/e9');
    expect(findCname(packet, 1)).toBeUndefined();
  });
});
