/** Hello extensions (RFC 5246 §7.4.1.4) and the typed ones we negotiate with. */
import { describe, expect, it } from 'vitest';
import { hexBytes } from '../../test-support.ts';
import { Reader, Writer } from '../../wire.ts';
import { type Extension, ExtensionType, findExtension, findRawExtension, readExtensions, writeExtensions } from './extension.ts';

function parseBlock(hex: string): Extension[] {
  const reader = new Reader(hexBytes(hex), 'test');
  const extensions = readExtensions(reader, 'test');
  reader.end();
  return extensions;
}

function serializeBlock(extensions: readonly Extension[]): string {
  const writer = new Writer();
  writeExtensions(writer, extensions);
  return Buffer.from(writer.finish()).toString('hex');
}

/** Each row: extension_type ‖ extension_data as on the wire (without the block length). */
const VECTORS: readonly { name: string; bytes: string; want: Extension }[] = [
  {
    name: 'use_srtp, Chromium\'s three profiles, empty MKI (RFC 5764 §4.1.1)',
    bytes: ['000e', '0009', '0006', '0001', '0008', '0007', '00'].join(''),
    want: { kind: 'use_srtp', profiles: [0x0001, 0x0008, 0x0007], mki: new Uint8Array(0) },
  },
  {
    name: 'use_srtp with a 2-byte MKI',
    bytes: ['000e', '0007', '0002', '0001', '02', 'abcd'].join(''),
    want: { kind: 'use_srtp', profiles: [1], mki: hexBytes('abcd') },
  },
  { name: 'extended_master_secret (RFC 7627 §5.1)', bytes: ['0017', '0000'].join(''), want: { kind: 'extended_master_secret' } },
  {
    name: 'renegotiation_info, empty (RFC 5746 §3.2)',
    bytes: ['ff01', '0001', '00'].join(''),
    want: { kind: 'renegotiation_info', renegotiatedConnection: new Uint8Array(0) },
  },
  {
    name: 'supported_groups with X25519MLKEM768 (RFC 8422 §5.1.1)',
    bytes: ['000a', '000a', '0008', '11ec', '001d', '0017', '0018'].join(''),
    want: { kind: 'supported_groups', groups: [0x11ec, 0x001d, 0x0017, 0x0018] },
  },
  { name: 'ec_point_formats [uncompressed] (RFC 8422 §5.1.2)', bytes: ['000b', '0002', '01', '00'].join(''), want: { kind: 'ec_point_formats', formats: [0] } },
  {
    name: 'signature_algorithms (RFC 5246 §7.4.1.4.1)',
    bytes: ['000d', '0006', '0004', '0403', '0804'].join(''),
    want: { kind: 'signature_algorithms', schemes: [0x0403, 0x0804] },
  },
  {
    name: 'supported_versions, kept raw (RFC 8446 §4.2.1)',
    bytes: ['002b', '0005', '04', 'fefc', 'fefd'].join(''),
    want: { kind: 'raw', type: ExtensionType.supported_versions, data: hexBytes('04fefcfefd') },
  },
  { name: 'an unassigned type, kept raw', bytes: ['abcd', '0002', 'ffff'].join(''), want: { kind: 'raw', type: 0xabcd, data: hexBytes('ffff') } },
];

function block(...entries: string[]): string {
  const body = entries.join('');
  return (body.length / 2).toString(16).padStart(4, '0') + body;
}

describe('hello extensions', () => {
  it.each(VECTORS)('parses $name and serializes it back', ({ bytes, want }) => {
    expect(parseBlock(block(bytes))).toEqual([want]);
    expect(serializeBlock([want])).toBe(block(bytes));
  });

  it('keeps the order of typed and raw extensions', () => {
    const distinct = VECTORS.filter((v) => v.name !== 'use_srtp with a 2-byte MKI').reverse();
    const bytes = block(...distinct.map((v) => v.bytes));
    const extensions = parseBlock(bytes);
    expect(extensions).toEqual(distinct.map((v) => v.want));
    expect(serializeBlock(extensions)).toBe(bytes);
  });

  it('an absent block parses as no extensions, and no extensions serializes as no block', () => {
    expect(parseBlock('')).toEqual([]);
    expect(serializeBlock([])).toBe('');
  });

  it('findExtension is typed by kind; findRawExtension finds kept-raw ones by wire type', () => {
    const extensions = VECTORS.map((v) => v.want);
    expect(findExtension(extensions, 'use_srtp')?.profiles).toEqual([1, 8, 7]);
    expect(findExtension(extensions, 'ec_point_formats')?.formats).toEqual([0]);
    expect(findRawExtension(extensions, ExtensionType.supported_versions)?.data).toEqual(hexBytes('04fefcfefd'));
    expect(findRawExtension(extensions, ExtensionType.key_share)).toBeUndefined();
  });

  it.each([
    { name: 'use_srtp with an odd profile list', bytes: ['000e', '0004', '0001', '01', '00'].join(''), code: 'BAD_VECTOR_LENGTH' },
    { name: 'use_srtp with no profiles', bytes: ['000e', '0003', '0000', '00'].join(''), code: 'BAD_VECTOR_LENGTH' },
    { name: 'use_srtp without its MKI byte', bytes: ['000e', '0004', '0002', '0001'].join(''), code: 'MESSAGE_TRUNCATED' },
    { name: 'extended_master_secret with data', bytes: ['0017', '0001', '00'].join(''), code: 'TRAILING_BYTES' },
    { name: 'renegotiation_info overrunning its data', bytes: ['ff01', '0001', '05'].join(''), code: 'MESSAGE_TRUNCATED' },
    { name: 'supported_groups, empty list', bytes: ['000a', '0002', '0000'].join(''), code: 'BAD_VECTOR_LENGTH' },
    { name: 'ec_point_formats, empty list', bytes: ['000b', '0001', '00'].join(''), code: 'BAD_VECTOR_LENGTH' },
    { name: 'signature_algorithms with trailing bytes', bytes: ['000d', '0005', '0002', '0403', 'ff'].join(''), code: 'TRAILING_BYTES' },
    { name: 'a duplicate raw extension', bytes: ['abcd', '0000', 'abcd', '0000'].join(''), code: 'DUPLICATE_EXTENSION' },
    { name: 'extension_data past the block', bytes: ['abcd', '0005', 'ff'].join(''), code: 'MESSAGE_TRUNCATED' },
  ])('rejects $name with $code', ({ bytes, code }) => {
    expect(() => parseBlock(block(bytes))).toThrow(expect.objectContaining({ code }));
  });

  it('refuses to serialize an empty SRTP profile list or a 256-byte MKI (RangeError)', () => {
    expect(() => serializeBlock([{ kind: 'use_srtp', profiles: [], mki: new Uint8Array(0) }])).toThrow(RangeError);
    expect(() => serializeBlock([{ kind: 'use_srtp', profiles: [1], mki: new Uint8Array(256) }])).toThrow(RangeError);
  });
});
