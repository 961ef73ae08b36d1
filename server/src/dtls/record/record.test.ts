/** DTLS 1.2 record framing (RFC 6347 §4.1) and datagram packing (§4.1.1). */
import { describe, expect, it } from 'vitest';
import { hexBytes } from '../test-support.ts';
import { packDatagrams } from './datagram.ts';
import { type DtlsRecord, MAX_RECORD_LENGTH, parseRecord, parseRecords, serializeRecord, serializeRecords } from './record.ts';

const VECTORS: readonly { name: string; bytes: string; want: DtlsRecord }[] = [
  {
    name: 'RFC 6347 §4.1 ChangeCipherSpec, epoch 0, seq 7 (Chromium 07 datagram)',
    bytes: [
      '14', //       type = change_cipher_spec(20)
      'fefd', //     version = DTLS 1.2
      '0000', //     epoch = 0
      '000000000007', // sequence_number = 7
      '0001', //     length = 1
      '01', //       fragment
    ].join(''),
    want: { contentType: 20, version: 0xfefd, epoch: 0, sequenceNumber: 7, fragment: Uint8Array.of(1) },
  },
  {
    name: 'DTLS 1.0 version (a ClientHello record), 48-bit sequence number at its maximum',
    bytes: ['16', 'feff', '0000', 'ffffffffffff', '0000'].join(''),
    want: { contentType: 22, version: 0xfeff, epoch: 0, sequenceNumber: 2 ** 48 - 1, fragment: new Uint8Array(0) },
  },
  {
    name: 'application_data, epoch 0xabcd, sequence 0x0102_0304_0506',
    bytes: ['17', 'fefd', 'abcd', '010203040506', '0003', 'aabbcc'].join(''),
    want: { contentType: 23, version: 0xfefd, epoch: 0xabcd, sequenceNumber: 0x010203040506, fragment: Uint8Array.of(0xaa, 0xbb, 0xcc) },
  },
];

const ERRORS: readonly { name: string; bytes: string; code: string }[] = [
  { name: 'an empty datagram', bytes: '', code: 'RECORD_TRUNCATED' },
  { name: 'a 12-byte header', bytes: '16fefd0000000000000000', code: 'RECORD_TRUNCATED' },
  { name: 'a fragment shorter than length', bytes: '16fefd000000000000000000050102', code: 'RECORD_TRUNCATED' },
  { name: 'content type 24 (heartbeat)', bytes: '18fefd00000000000000000000', code: 'UNKNOWN_CONTENT_TYPE' },
  { name: 'a DTLS 1.3 unified header (0x2e)', bytes: '2e000100000000000000000000', code: 'UNKNOWN_CONTENT_TYPE' },
  { name: 'a TLS version (0x0303)', bytes: '1603030000000000000000000000', code: 'BAD_VERSION' },
  { name: 'a length over 2^14 + 2048', bytes: `17fefd0000000000000000${(MAX_RECORD_LENGTH + 1).toString(16)}`, code: 'RECORD_OVERFLOW' },
];

describe('DTLS records', () => {
  it.each(VECTORS)('parses $name and serializes it back', ({ bytes, want }) => {
    const datagram = hexBytes(bytes);
    expect(parseRecords(datagram)).toEqual([want]);
    expect(serializeRecord(want)).toEqual(datagram);
  });

  it('splits several records sharing one datagram, in order', () => {
    const records = VECTORS.map((v) => v.want);
    const datagram = serializeRecords(records);
    expect(parseRecords(datagram)).toEqual(records);
    const second = parseRecord(datagram, 14);
    expect(second.value).toEqual(records[1]);
    expect(second.bytesRead).toBe(13);
  });

  it.each(ERRORS)('rejects $name with $code', ({ bytes, code }) => {
    expect(() => parseRecords(hexBytes(bytes))).toThrow(expect.objectContaining({ code }));
  });

  it('keeps the records before a bad one when the caller loops over parseRecord', () => {
    const datagram = hexBytes(`${VECTORS[0]!.bytes}18fefd00000000000000000000`);
    const first = parseRecord(datagram, 0);
    expect(first.value).toEqual(VECTORS[0]!.want);
    expect(() => parseRecord(datagram, first.bytesRead)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CONTENT_TYPE' }));
  });

  it('does not alias the input: the fragment is a plain copy', () => {
    const datagram = Buffer.from(hexBytes(VECTORS[2]!.bytes));
    const [record] = parseRecords(datagram);
    datagram[13] = 0;
    expect(record!.fragment).toEqual(Uint8Array.of(0xaa, 0xbb, 0xcc));
    expect(Buffer.isBuffer(record!.fragment)).toBe(false);
  });

  it.each([
    { name: 'a 49-bit sequence number', record: { ...VECTORS[0]!.want, sequenceNumber: 2 ** 48 } },
    { name: 'a negative epoch', record: { ...VECTORS[0]!.want, epoch: -1 } },
    { name: 'an oversized fragment', record: { ...VECTORS[0]!.want, fragment: new Uint8Array(MAX_RECORD_LENGTH + 1) } },
  ])('refuses to serialize $name (RangeError)', ({ record }) => {
    expect(() => serializeRecord(record)).toThrow(RangeError);
  });
});

describe('packDatagrams', () => {
  const record = (size: number): Uint8Array => new Uint8Array(size).fill(size & 0xff);

  it('packs records in order while they fit, and starts a new datagram when one would not', () => {
    const datagrams = packDatagrams([record(500), record(600), record(200), record(1100), record(50)], 1200);
    expect(datagrams.map((d) => d.length)).toEqual([1100, 200, 1150]);
    expect(Array.from(datagrams[0]!.subarray(499, 501))).toEqual([500 & 0xff, 600 & 0xff]);
  });

  it('puts a record larger than the limit alone in its datagram', () => {
    expect(packDatagrams([record(10), record(1300), record(10)], 1200).map((d) => d.length)).toEqual([10, 1300, 10]);
  });
});
