/**
 * The message type bits, the header, and the attribute list (RFC 8489 §5, §14), on messages
 * written out by hand. The transaction id of every hand-built message is TID (00 01 02 ... 0b).
 */
import { describe, expect, it } from 'vitest';
import {
  StunCodecError,
  decodeStunMessage,
  encodeStunMessage,
  messageType,
  type MessageClass,
  type StunAttributeTlv,
} from '../stun-codec.ts';
import { BINDING_REQUEST, TID, concat, errorCode, hex, pairs, stun, thrownClass, toHex, utf8 } from './support.ts';

const HEADER = (type: string, length: string): string => `${type} ${length} 2112a442 000102030405060708090a0b`;

describe('10-stun: messageType interleaves the method and class bits', () => {
  const cases: Array<{ method: number; messageClass: MessageClass; type: number; name: string }> = [
    { method: 0x001, messageClass: 'request', type: 0x0001, name: 'Binding request' },
    { method: 0x001, messageClass: 'indication', type: 0x0011, name: 'Binding indication: C0 is bit 4' },
    { method: 0x001, messageClass: 'success-response', type: 0x0101, name: 'Binding success response: C1 is bit 8' },
    { method: 0x001, messageClass: 'error-response', type: 0x0111, name: 'Binding error response: both' },
    { method: 0x003, messageClass: 'request', type: 0x0003, name: 'Allocate request (TURN)' },
    { method: 0x010, messageClass: 'request', type: 0x0020, name: 'M4 moves up one bit, past C0' },
    { method: 0x080, messageClass: 'request', type: 0x0200, name: 'M7 moves up two bits, past C0 and C1' },
    { method: 0xfff, messageClass: 'request', type: 0x3eef, name: 'every method bit, no class bit' },
    { method: 0xfff, messageClass: 'error-response', type: 0x3fff, name: 'all 14 bits' },
    { method: 0x000, messageClass: 'error-response', type: 0x0110, name: 'the class bits alone' },
  ];
  for (const { method, messageClass, type, name } of cases) {
    it(`${name}: method 0x${method.toString(16)}, ${messageClass} <-> 0x${type.toString(16).padStart(4, '0')}`, () => {
      expect(messageType(method, messageClass)).toBe(type);
      const decoded = decodeStunMessage(stun(type));
      expect(decoded).toMatchObject({ type, method, messageClass });
    });
  }

  it('throws RangeError for a method that is not an integer 0..0xFFF', () => {
    for (const method of [0x1000, -1, 1.5, Number.NaN]) {
      expect(thrownClass(() => messageType(method, 'request')), String(method)).toBe('RangeError');
    }
  });
});

/** One attribute of each padded size: values of 1, 2, 3, 0 and 4 bytes. */
const PADDED_BODY = '8022 0001 61 000000 | 8022 0002 6162 0000 | 8022 0003 616263 00 | 0025 0000 | 0024 0004 6e0001ff';
const PADDED_PAIRS: Array<[number, string]> = [[0x8022, '61'], [0x8022, '6162'], [0x8022, '616263'], [0x0025, ''], [0x0024, '6e0001ff']];
const PADDED_ATTRIBUTES: StunAttributeTlv[] = PADDED_PAIRS.map(([type, value]) => ({ type, value: hex(value) }));

describe('10-stun: decodeStunMessage', () => {
  it('reads a Binding request without attributes', () => {
    const message = decodeStunMessage(hex(HEADER('0001', '0000')));
    expect(message).toMatchObject({ type: 0x0001, method: 0x001, messageClass: 'request', length: 0 });
    expect(toHex(message.transactionId)).toBe('000102030405060708090a0b');
    expect(message.attributes).toEqual([]);
  });

  const cases: Array<{ name: string; body: string; attributes: Array<[number, string]> }> = [
    { name: 'skips the padding after values of 1, 2 and 3 bytes; 0 and 4 need none', body: PADDED_BODY, attributes: PADDED_PAIRS },
    { name: 'ignores what the padding bytes hold', body: '8022 0001 61 ffffff | 8022 0002 6162 2020', attributes: [[0x8022, '61'], [0x8022, '6162']] },
    {
      name: 'keeps attributes it does not know, comprehension-required (< 0x8000) or not',
      body: '7fff 0002 abcd 0000 | c057 0004 00010032',
      attributes: [[0x7fff, 'abcd'], [0xc057, '00010032']],
    },
    {
      name: 'lists every attribute in wire order, even after FINGERPRINT (interpreting them is not its job)',
      body: '8028 0004 deadbeef | 8022 0001 78 000000',
      attributes: [[0x8028, 'deadbeef'], [0x8022, '78']],
    },
  ];
  for (const { name, body, attributes } of cases) {
    it(name, () => {
      const message = decodeStunMessage(stun(BINDING_REQUEST, body));
      expect(message.length).toBe(hex(body).length);
      expect(pairs(message.attributes)).toEqual(attributes);
    });
  }

  it('reads a message that starts inside a larger buffer', () => {
    const message = stun(0x0101, '8022 0003 616263 00');
    const buffer = concat(hex('ffffffff'), message, hex('eeee'));
    const decoded = decodeStunMessage(buffer.subarray(4, 4 + message.length));
    expect(decoded).toMatchObject({ type: 0x0101, length: 8 });
    expect(pairs(decoded.attributes)).toEqual([[0x8022, '616263']]);
    expect(toHex(decoded.transactionId)).toBe(toHex(TID));
  });

  it('returns a copy of the transaction id: reusing the receive buffer does not change it', () => {
    const bytes = stun(BINDING_REQUEST);
    const decoded = decodeStunMessage(bytes);
    bytes.fill(0xaa, 8, 20);
    expect(toHex(decoded.transactionId)).toBe('000102030405060708090a0b');
  });
});

describe('10-stun: decodeStunMessage errors, the first check that fails wins', () => {
  const tid = '000102030405060708090a0b';
  const cases: Array<{ name: string; bytes: string; code: string }> = [
    { name: 'no bytes at all', bytes: '', code: 'TOO_SHORT' },
    { name: '19 bytes', bytes: `0001 0000 2112a442 ${tid.slice(0, -2)}`, code: 'TOO_SHORT' },
    { name: '19 bytes that are not STUN either: the size is checked first', bytes: `8001 0000 00000000 ${tid.slice(0, -2)}`, code: 'TOO_SHORT' },
    { name: 'an RTP header (first byte 0x80: version 2)', bytes: `80ef 1234 000003c0 0000002a 00000000 00000000`, code: 'NOT_STUN' },
    { name: 'the second most significant bit set', bytes: `4001 0000 2112a442 ${tid}`, code: 'NOT_STUN' },
    { name: 'leading bits and cookie both wrong: NOT_STUN first', bytes: `c001 0000 00000000 ${tid}`, code: 'NOT_STUN' },
    { name: 'a cookie one bit off', bytes: `0001 0000 2112a443 ${tid}`, code: 'BAD_COOKIE' },
    { name: 'an RFC 3489 request: no cookie, 128 bits of transaction id', bytes: `0001 0000 ${tid} 0c0d0e0f`, code: 'BAD_COOKIE' },
    { name: 'a DTLS record (first byte 0x16): the leading bits pass, the cookie does not', bytes: `16fefd00 00000000 00000001 00 ${'00'.repeat(7)}`, code: 'BAD_COOKIE' },
    { name: 'cookie and length both wrong: BAD_COOKIE first', bytes: `0001 0003 2112a443 ${tid}`, code: 'BAD_COOKIE' },
    { name: 'a length that is not a multiple of 4', bytes: `0001 0003 2112a442 ${tid} 616263`, code: 'BAD_LENGTH' },
    { name: 'a length longer than the bytes', bytes: `0001 0008 2112a442 ${tid} 80220000`, code: 'BAD_LENGTH' },
    { name: 'bytes beyond the length', bytes: `0001 0000 2112a442 ${tid} 80220000`, code: 'BAD_LENGTH' },
    { name: 'an attribute value longer than the message', bytes: `0001 0008 2112a442 ${tid} 8022 0008 61626364`, code: 'TRUNCATED_ATTRIBUTE' },
    { name: 'a value whose padding would run past the end', bytes: `0001 0004 2112a442 ${tid} 8022 0001`, code: 'TRUNCATED_ATTRIBUTE' },
    {
      name: 'a good attribute, then one that runs past the end',
      bytes: `0001 0010 2112a442 ${tid} 8022 0003 616263 00 | 0006 0005 61626364`,
      code: 'TRUNCATED_ATTRIBUTE',
    },
  ];
  for (const { name, bytes, code } of cases) {
    it(`${name}: ${code}`, () => {
      expect(errorCode(() => decodeStunMessage(hex(bytes)))).toBe(code);
    });
  }

  it('throws a StunCodecError, an Error subclass with a message', () => {
    let thrown: unknown;
    try {
      decodeStunMessage(hex('0001'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StunCodecError);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).not.toBe('');
  });
});

describe('10-stun: encodeStunMessage', () => {
  it('writes a Binding request without attributes: 20 bytes of header', () => {
    const bytes = encodeStunMessage({ type: 0x0001, transactionId: TID, attributes: [] });
    expect(toHex(bytes)).toBe(toHex(hex(HEADER('0001', '0000'))));
  });

  it('writes each attribute in order with zero padding, and a Message Length that counts it', () => {
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes: PADDED_ATTRIBUTES });
    expect(toHex(bytes)).toBe(toHex(stun(BINDING_REQUEST, PADDED_BODY)));
  });

  it('pads with options.paddingByte', () => {
    const bytes = encodeStunMessage({ type: 0x0101, transactionId: TID, attributes: [{ type: 0x8022, value: utf8('abc') }] }, { paddingByte: 0x20 });
    expect(toHex(bytes)).toBe(toHex(stun(0x0101, '8022 0003 616263 20')));
  });

  it('accepts a decoded message and writes it back', () => {
    const bytes = stun(0x0111, '0009 000b 00000414 556e6b6e6f776e 00 | 000a 0002 7fff 0000'); // 420 "Unknown", UNKNOWN-ATTRIBUTES
    expect(toHex(encodeStunMessage(decodeStunMessage(bytes)))).toBe(toHex(bytes));
  });

  it('fills a message to the largest body the 16-bit length allows (0xFFFC bytes)', () => {
    const bytes = encodeStunMessage({ type: BINDING_REQUEST, transactionId: TID, attributes: [{ type: 0x8022, value: new Uint8Array(0xfff8) }] });
    expect(bytes).toHaveLength(20 + 0xfffc);
    expect(toHex(bytes.subarray(0, 4))).toBe('0001fffc');
  });
});

describe('10-stun: encodeStunMessage refuses what it cannot write', () => {
  const request = (attributes: StunAttributeTlv[] = []): { type: number; transactionId: Uint8Array; attributes: StunAttributeTlv[] } => ({
    type: BINDING_REQUEST,
    transactionId: TID,
    attributes,
  });
  const raw = (type: number, size: number): StunAttributeTlv => ({ type, value: new Uint8Array(size) });

  const rangeErrors: Array<{ name: string; encode: () => unknown }> = [
    { name: 'an 11-byte transaction id', encode: () => encodeStunMessage({ ...request(), transactionId: new Uint8Array(11) }) },
    { name: 'a 16-byte transaction id (RFC 3489)', encode: () => encodeStunMessage({ ...request(), transactionId: new Uint8Array(16) }) },
    { name: 'a type of 15 bits', encode: () => encodeStunMessage({ ...request(), type: 0x4000 }) },
    { name: 'a negative type', encode: () => encodeStunMessage({ ...request(), type: -1 }) },
    { name: 'an attribute type over 0xFFFF', encode: () => encodeStunMessage(request([raw(0x10000, 0)])) },
    { name: 'a value of 0x10000 bytes', encode: () => encodeStunMessage(request([raw(0x8022, 0x10000)])) },
    { name: 'attributes adding up to more than 0xFFFC bytes', encode: () => encodeStunMessage(request([raw(0x8022, 0x7ffc), raw(0x8022, 0x7ffc)])) },
    { name: 'a full message with no room for FINGERPRINT', encode: () => encodeStunMessage(request([raw(0x8022, 0xfff8)]), { fingerprint: true }) },
  ];
  for (const { name, encode } of rangeErrors) {
    it(`RangeError for ${name}`, () => {
      expect(thrownClass(encode)).toBe('RangeError');
    });
  }

  const typeErrors: Array<{ name: string; encode: () => unknown }> = [
    { name: 'an attribute after FINGERPRINT', encode: () => encodeStunMessage(request([raw(0x8028, 4), raw(0x8022, 4)])) },
    { name: 'an attribute after MESSAGE-INTEGRITY', encode: () => encodeStunMessage(request([raw(0x0008, 20), raw(0x8022, 4)])) },
    { name: 'MESSAGE-INTEGRITY in the list and from a password', encode: () => encodeStunMessage(request([raw(0x0008, 20)]), { password: 'pw' }) },
    { name: 'FINGERPRINT in the list and from the options', encode: () => encodeStunMessage(request([raw(0x8028, 4)]), { fingerprint: true }) },
    { name: 'MESSAGE-INTEGRITY asked for after a listed FINGERPRINT', encode: () => encodeStunMessage(request([raw(0x8028, 4)]), { password: 'pw' }) },
  ];
  for (const { name, encode } of typeErrors) {
    it(`TypeError for ${name} (a receiver would ignore it)`, () => {
      expect(thrownClass(encode)).toBe('TypeError');
    });
  }

  it('allows what may follow MESSAGE-INTEGRITY: MESSAGE-INTEGRITY-SHA256, then FINGERPRINT', () => {
    const bytes = encodeStunMessage(request([raw(0x0008, 20), raw(0x001c, 32)]), { fingerprint: true });
    expect(decodeStunMessage(bytes).attributes.map(({ type }) => type)).toEqual([0x0008, 0x001c, 0x8028]);
  });
});
