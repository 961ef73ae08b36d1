import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { RtpHeaderError, parseRtpHeader, serializeRtpHeader, type RtpHeaderFields, type RtpHeaderInput } from '../rtp-header.ts';

/** Bytes from hex text; `|` and spaces only separate fields for the reader. */
function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/[\s|]+/g, ''), 'hex'));
}

/** The RtpHeaderError code `action` throws, or what it did instead. */
function errorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof RtpHeaderError ? error.code : `not an RtpHeaderError: ${String(error)}`;
  }
}

/** The elements as [id, hex data] pairs, easier to compare. */
function elements(header: Pick<RtpHeaderFields, 'extensions'>): Array<[number, string]> {
  return header.extensions.map((element) => [element.id, Buffer.from(element.data).toString('hex')]);
}

const FIXED = '80ef1234 000003c0 0000002a'; // V=2, M=1, PT 111, seq 0x1234, timestamp 960, SSRC 42

describe('09-rtp-rtcp: parseRtpHeader on hand-built packets', () => {
  const cases: Array<{ name: string; bytes: string; fields: Partial<RtpHeaderFields>; elements?: Array<[number, string]> }> = [
    {
      name: 'the 12-byte fixed header, then the payload',
      bytes: `${FIXED} | ${'ab'.repeat(20)}`,
      fields: {
        version: 2, padding: false, extension: false, marker: true, payloadType: 111, sequenceNumber: 0x1234,
        timestamp: 960, ssrc: 42, csrcs: [], extensionProfile: undefined, headerLength: 12, payloadLength: 20,
      },
      elements: [],
    },
    {
      name: 'every field at its maximum, read as unsigned numbers',
      bytes: '807fffff ffffffff ffffffff',
      fields: { marker: false, payloadType: 127, sequenceNumber: 65535, timestamp: 4294967295, ssrc: 4294967295, payloadLength: 0 },
    },
    {
      name: 'the marker bit apart from payload type 0',
      bytes: '80800000 00000000 00000000 | 01',
      fields: { marker: true, payloadType: 0, payloadLength: 1 },
    },
    {
      name: 'a CSRC list of CC entries',
      bytes: '82600001 00000064 11223344 | 00000001 fffffffe | 010203',
      fields: { csrcs: [1, 4294967294], ssrc: 0x11223344, headerLength: 20, payloadLength: 3 },
    },
    {
      name: 'one-byte extension elements (0xBEDE), skipping padding bytes between and after them',
      bytes: '90600007 00000000 00000001 | bede0002 | 10ab 00 210102 0000 | cafe',
      fields: { extension: true, extensionProfile: 0xbede, headerLength: 24, payloadLength: 2 },
      elements: [[1, 'ab'], [2, '0102']],
    },
    {
      name: 'a one-byte element with ID 15 ends the block',
      bytes: '90600007 00000000 00000001 | bede0001 | 10ab f122',
      fields: { extensionProfile: 0xbede, headerLength: 20 },
      elements: [[1, 'ab']],
    },
    {
      name: 'a one-byte element with ID 0 and a non-zero length ends the block too',
      bytes: '90600007 00000000 00000001 | bede0001 | 10ab05cc',
      fields: { extensionProfile: 0xbede, headerLength: 20 },
      elements: [[1, 'ab']],
    },
    {
      name: 'two-byte extension elements (0x100X), an empty one included',
      bytes: '90600007 00000000 00000001 | 10000002 | 0500 0703aabbcc 00 | ff',
      fields: { extensionProfile: 0x1000, headerLength: 24, payloadLength: 1 },
      elements: [[5, ''], [7, 'aabbcc']],
    },
    {
      name: 'the two-byte form with appbits in the low 4 bits of the profile',
      bytes: '90600007 00000000 00000001 | 10030001 | 0201ee00',
      fields: { extensionProfile: 0x1003, headerLength: 20 },
      elements: [[2, 'ee']],
    },
    {
      name: 'another profile: its bytes are skipped, no elements',
      bytes: '90600007 00000000 00000001 | 12340001 | deadbeef | 99',
      fields: { extension: true, extensionProfile: 0x1234, headerLength: 20, payloadLength: 1 },
      elements: [],
    },
    {
      name: 'an empty extension block',
      bytes: '90600007 00000000 00000001 | bede0000',
      fields: { extension: true, extensionProfile: 0xbede, headerLength: 16, payloadLength: 0 },
      elements: [],
    },
    {
      name: 'padding: the last byte counts the padding bytes, itself included',
      bytes: 'a0600007 00000000 00000001 | 01020304 | 000003',
      fields: { padding: true, headerLength: 12, payloadLength: 4 },
    },
    {
      name: 'a padding-only packet: the count takes every byte after the header',
      bytes: 'a0600007 00000000 00000001 | 00000004',
      fields: { padding: true, headerLength: 12, payloadLength: 0 },
    },
    {
      name: 'CSRCs, an extension and padding together',
      bytes: 'b1e10102 00000005 00000006 | 00000007 | bede0001 | 30770000 | 0a0b | 0002',
      fields: { padding: true, marker: true, payloadType: 97, csrcs: [7], headerLength: 24, payloadLength: 2 },
      elements: [[3, '77']],
    },
  ];
  for (const { name, bytes, fields, elements: expected } of cases) {
    it(name, () => {
      const header = parseRtpHeader(hex(bytes));
      expect(header).toMatchObject(fields);
      if (expected) expect(elements(header)).toEqual(expected);
    });
  }

  it('reads a packet that starts inside a larger buffer', () => {
    const buffer = hex(`ffffffff | ${FIXED} | 0102`);
    expect(parseRtpHeader(buffer.subarray(4))).toMatchObject({ ssrc: 42, headerLength: 12, payloadLength: 2 });
  });
});

describe('09-rtp-rtcp: parseRtpHeader errors', () => {
  const cases: Array<{ name: string; bytes: string; code: string }> = [
    { name: 'no bytes at all', bytes: '', code: 'TOO_SHORT' },
    { name: '11 bytes', bytes: '80ef1234 000003c0 000000', code: 'TOO_SHORT' },
    { name: '11 bytes with a bad version: the length is checked first', bytes: '40ef1234 000003c0 000000', code: 'TOO_SHORT' },
    { name: 'version 1', bytes: '40ef1234 000003c0 0000002a', code: 'BAD_VERSION' },
    { name: 'version 3', bytes: 'c0ef1234 000003c0 0000002a', code: 'BAD_VERSION' },
    { name: 'version 0 (a STUN message, say)', bytes: '00010000 2112a442 00000000 00000000 00000000', code: 'BAD_VERSION' },
    { name: 'CC = 2 with one CSRC present', bytes: '82600001 00000064 11223344 | 00000001', code: 'TOO_SHORT' },
    { name: 'X set but only 2 bytes of the extension header', bytes: '90600007 00000000 00000001 | bede', code: 'TOO_SHORT' },
    { name: 'an extension block longer than the packet', bytes: '90600007 00000000 00000001 | bede0002 | 10ab0000', code: 'BAD_EXTENSION' },
    { name: 'a one-byte element longer than the block', bytes: '90600007 00000000 00000001 | bede0001 | 13aabbcc | 00000000', code: 'BAD_EXTENSION' },
    { name: 'a two-byte element without its length byte', bytes: '90600007 00000000 00000001 | 10000001 | 00000007 | 00', code: 'BAD_EXTENSION' },
    { name: 'a two-byte element longer than the block', bytes: '90600007 00000000 00000001 | 10000001 | 0705aabb | 00000000', code: 'BAD_EXTENSION' },
    { name: 'a padding count of 0', bytes: 'a0600007 00000000 00000001 | 01020300', code: 'BAD_PADDING' },
    { name: 'a padding count larger than what follows the header', bytes: 'a0600007 00000000 00000001 | 01020305', code: 'BAD_PADDING' },
    { name: 'P set with nothing after the header', bytes: 'a0600007 00000000 00000001', code: 'BAD_PADDING' },
    { name: 'a bad extension and bad padding: the extension comes first', bytes: 'b0600007 00000000 00000001 | bede0009 | 10ab0000', code: 'BAD_EXTENSION' },
  ];
  for (const { name, bytes, code } of cases) {
    it(`${code}: ${name}`, () => {
      expect(errorCode(() => parseRtpHeader(hex(bytes)))).toBe(code);
    });
  }
});

/** a=ssrc lines of sdp/clear-offer.sdp, the SDP of the capture these packets come from. */
function offeredSsrcs(): number[] {
  return [...readFixtureText('sdp/clear-offer.sdp').matchAll(/^a=ssrc:(\d+) cname:/gm)].map((match) => Number(match[1]));
}

describe('09-rtp-rtcp: parseRtpHeader on real Chromium packets (rtp-clear/, facts from manifest.json)', () => {
  const manifest = JSON.parse(readFixtureText('manifest.json')) as Record<string, { bytes: number; description: string }>;
  const files = listFixtures('rtp-clear');
  const packets = new Map(files.map((file) => [file, readFixture(file)]));
  const packet = (name: string): Buffer => packets.get(`rtp-clear/${name}.rtp.bin`)!;
  const header = (name: string): RtpHeaderFields => parseRtpHeader(packet(name));
  const text = (data: Uint8Array | undefined): string | undefined => (data === undefined ? undefined : Buffer.from(data).toString('latin1'));
  const element = (fields: RtpHeaderFields, id: number) => text(fields.extensions.find((e) => e.id === id)?.data);
  const MID = 4; // a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid

  it('accounts for every byte of every fixture: header + payload + padding = the manifest size', () => {
    expect(files.length).toBe(6);
    for (const file of files) {
      const bytes = packets.get(file)!;
      const fields = parseRtpHeader(bytes);
      const padding = fields.padding ? bytes[bytes.length - 1]! : 0;
      expect(fields.headerLength + fields.payloadLength + padding, file).toBe(manifest[file]!.bytes);
      expect(fields.extensionProfile, `${file}: Chromium uses the one-byte form`).toBe(0xbede);
    }
  });

  it('01: Opus PT 111, the first packet: marker set, one-byte extension ids 2,3,4,1, mid "0"', () => {
    const opus = header('01-opus-first-with-mid');
    expect(opus).toMatchObject({ version: 2, payloadType: 111, marker: true, padding: false, csrcs: [] });
    expect(offeredSsrcs()).toContain(opus.ssrc);
    expect(opus.extensions.map((e) => e.id)).toEqual([2, 3, 4, 1]);
    expect(element(opus, MID)).toBe('0');
  });

  it('02: the 301st Opus packet: same SSRC, 300 sequence numbers later, no mid any more', () => {
    const first = header('01-opus-first-with-mid');
    const later = header('02-opus-later-no-mid');
    expect(later).toMatchObject({ payloadType: 111, marker: false, ssrc: first.ssrc, sequenceNumber: first.sequenceNumber + 300 });
    // 300 packets of 20 ms at 48 kHz: 960 timestamp units each.
    expect(later.timestamp - first.timestamp).toBe(300 * 960);
    expect(later.extensions.map((e) => e.id)).toEqual([2, 3, 1]);
  });

  it('03 and 04: VP8 PT 96, mid "1" on the first packet, the 301st without it', () => {
    const first = header('03-vp8-keyframe-first');
    const later = header('04-vp8-later');
    expect(first).toMatchObject({ payloadType: 96, headerLength: 28 });
    expect(element(first, MID)).toBe('1');
    expect(later).toMatchObject({ payloadType: 96, ssrc: first.ssrc, sequenceNumber: first.sequenceNumber + 300, headerLength: 24 });
    expect(element(later, MID)).toBeUndefined();
    expect(offeredSsrcs()).toContain(first.ssrc);
  });

  it('05: RTX PT 97 padding-only probe: P bit, timestamp 0, no payload, 255 bytes of padding', () => {
    const probe = header('05-rtx-padding');
    expect(probe).toMatchObject({ payloadType: 97, padding: true, timestamp: 0, payloadLength: 0, headerLength: 283 - 255 });
  });

  it('06: RTX PT 97 retransmission: the payload starts with the NACKed sequence number (OSN)', () => {
    const bytes = packet('06-rtx-retransmission');
    const rtx = parseRtpHeader(bytes);
    const nack = readFixture('rtcp-clear/06-nack.rtcp.bin'); // RTPFB: media SSRC at 8, first PID at 12
    expect(rtx.payloadType).toBe(97);
    expect(nack.readUInt32BE(8)).toBe(header('03-vp8-keyframe-first').ssrc);
    expect(bytes.readUInt16BE(rtx.headerLength)).toBe(nack.readUInt16BE(12));
  });

  it('writes every fixture header back byte for byte', () => {
    for (const file of files) {
      const bytes = packets.get(file)!;
      const fields = parseRtpHeader(bytes);
      expect(Buffer.from(serializeRtpHeader(fields)).toString('hex'), file).toBe(bytes.subarray(0, fields.headerLength).toString('hex'));
    }
  });
});

describe('09-rtp-rtcp: serializeRtpHeader', () => {
  const base: RtpHeaderInput = { payloadType: 111, sequenceNumber: 0x1234, timestamp: 960, ssrc: 42 };
  const bytes = (input: RtpHeaderInput): string => Buffer.from(serializeRtpHeader(input)).toString('hex');
  const data = (...values: number[]): Uint8Array => Uint8Array.from(values);

  const cases: Array<{ name: string; input: RtpHeaderInput; expected: string }> = [
    { name: 'the fixed header', input: { ...base, marker: true }, expected: FIXED },
    { name: 'marker and padding default to false', input: { payloadType: 96, sequenceNumber: 0, timestamp: 0, ssrc: 0 }, expected: '80600000 00000000 00000000' },
    { name: 'the P bit (no padding bytes: they go after the payload)', input: { ...base, padding: true }, expected: 'a06f1234 000003c0 0000002a' },
    { name: 'CSRCs and CC', input: { ...base, csrcs: [1, 0xfffffffe] }, expected: '826f1234 000003c0 0000002a 00000001 fffffffe' },
    { name: 'no extension block for an empty element list', input: { ...base, extensions: [] }, expected: '806f1234 000003c0 0000002a' },
    {
      name: 'one-byte elements, zero-padded to a 32-bit word',
      input: { ...base, extensions: [{ id: 1, data: data(0xab) }, { id: 2, data: data(1, 2) }] },
      expected: '906f1234 000003c0 0000002a bede0002 10ab2101 02000000',
    },
    {
      name: 'a 16-byte element still fits the one-byte form',
      input: { ...base, extensions: [{ id: 14, data: new Uint8Array(16).fill(0x11) }] },
      expected: `906f1234 000003c0 0000002a bede0005 ef${'11'.repeat(16)}000000`,
    },
    {
      name: 'the two-byte form when an element has 17 bytes',
      input: { ...base, extensions: [{ id: 1, data: data(0xab) }, { id: 3, data: new Uint8Array(17).fill(0x11) }] },
      expected: `906f1234 000003c0 0000002a 10000006 0101ab 0311${'11'.repeat(17)} 0000`,
    },
    { name: 'the two-byte form for ID 15', input: { ...base, extensions: [{ id: 15, data: data(1) }] }, expected: '906f1234 000003c0 0000002a 10000001 0f010100' },
    { name: 'the two-byte form for an empty element', input: { ...base, extensions: [{ id: 2, data: data() }] }, expected: '906f1234 000003c0 0000002a 10000001 02000000' },
  ];
  for (const { name, input, expected } of cases) {
    it(name, () => {
      expect(bytes(input)).toBe(expected.replace(/\s/g, ''));
    });
  }

  it('round-trips 300 seeded-random headers through parseRtpHeader', () => {
    let seed = 0x09_7e_57;
    const random = (limit: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return Math.floor((seed / 2 ** 32) * limit);
    };
    for (let i = 0; i < 300; i++) {
      const input = {
        marker: random(2) === 1,
        padding: false,
        payloadType: random(128),
        sequenceNumber: random(65536),
        timestamp: random(2 ** 32),
        ssrc: random(2 ** 32),
        csrcs: Array.from({ length: random(16) }, () => random(2 ** 32)),
        // Distinct IDs 1-12 with 1-16 bytes each: the one-byte form.
        extensions: Array.from({ length: random(5) }, (_, n) => ({ id: 3 * n + 1 + random(3), data: new Uint8Array(1 + random(16)).fill(n + 1) })),
      };
      const written = serializeRtpHeader(input);
      const read = parseRtpHeader(written);
      expect(read, `header ${i}`).toMatchObject({ ...input, extension: input.extensions.length > 0, headerLength: written.length, payloadLength: 0 });
    }
  });

  const limits: Array<{ name: string; fits: RtpHeaderInput; tooLarge: RtpHeaderInput }> = [
    { name: 'payload type 0-127', fits: { ...base, payloadType: 127 }, tooLarge: { ...base, payloadType: 128 } },
    { name: 'payload type, not negative', fits: { ...base, payloadType: 0 }, tooLarge: { ...base, payloadType: -1 } },
    { name: 'payload type, an integer', fits: { ...base, payloadType: 1 }, tooLarge: { ...base, payloadType: 1.5 } },
    { name: 'sequence number 0-65535', fits: { ...base, sequenceNumber: 65535 }, tooLarge: { ...base, sequenceNumber: 65536 } },
    { name: 'timestamp 0-2^32-1', fits: { ...base, timestamp: 2 ** 32 - 1 }, tooLarge: { ...base, timestamp: 2 ** 32 } },
    { name: 'SSRC, not negative', fits: { ...base, ssrc: 0 }, tooLarge: { ...base, ssrc: -1 } },
    { name: 'CSRC 0-2^32-1', fits: { ...base, csrcs: [2 ** 32 - 1] }, tooLarge: { ...base, csrcs: [2 ** 32] } },
    { name: 'at most 15 CSRCs', fits: { ...base, csrcs: new Array<number>(15).fill(1) }, tooLarge: { ...base, csrcs: new Array<number>(16).fill(1) } },
    { name: 'element ID from 1', fits: { ...base, extensions: [{ id: 1, data: data(1) }] }, tooLarge: { ...base, extensions: [{ id: 0, data: data(1) }] } },
    { name: 'element ID up to 255', fits: { ...base, extensions: [{ id: 255, data: data(1) }] }, tooLarge: { ...base, extensions: [{ id: 256, data: data(1) }] } },
    {
      name: 'element data up to 255 bytes',
      fits: { ...base, extensions: [{ id: 1, data: new Uint8Array(255) }] },
      tooLarge: { ...base, extensions: [{ id: 1, data: new Uint8Array(256) }] },
    },
  ];
  for (const { name, fits, tooLarge } of limits) {
    it(`${name}: writes the limit, refuses one past it with a RangeError`, () => {
      expect(serializeRtpHeader(fits).length).toBeGreaterThanOrEqual(12);
      expect(() => serializeRtpHeader(tooLarge)).toThrow(RangeError);
    });
  }
});
