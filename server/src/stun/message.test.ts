import { describe, expect, it } from 'vitest';
import { AttributeType as T } from './attribute-type.ts';
import { shortTermKey } from './integrity.ts';
import { type StunMessage, findAttribute, parseStunMessage, serializeStunMessage, unknownComprehensionRequired } from './message.ts';
import { TEST_TRANSACTION_ID, bindingRequestWith as request } from './test-support.ts';

const MI = [T.MessageIntegrity, '00'.repeat(20)] as const;
const MI_SHA256 = [T.MessageIntegritySha256, '00'.repeat(32)] as const;
const FINGERPRINT = [T.Fingerprint, '00000000'] as const;
const PRIORITY = [T.Priority, '00000001'] as const;
const USERNAME = [T.Username, '61'] as const;
/** A value its parser would reject: ignored attributes are not decoded at all. */
const BAD_PRIORITY = [T.Priority, '01'] as const;

function kindsOf(bytes: Uint8Array): string[] {
  return parseStunMessage(bytes).attributes.map((a) => a.kind);
}

describe('attributes a receiver must ignore (RFC 8489 §14.5–§14.7)', () => {
  const CASES: readonly { name: string; bytes: Uint8Array; kinds: string[] }[] = [
    {
      name: 'after MESSAGE-INTEGRITY, all but MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (§14.5)',
      bytes: request(USERNAME, MI, BAD_PRIORITY, [0x0099, ''], MI_SHA256, FINGERPRINT),
      kinds: ['USERNAME', 'MESSAGE-INTEGRITY', 'MESSAGE-INTEGRITY-SHA256', 'FINGERPRINT'],
    },
    {
      name: 'a second MESSAGE-INTEGRITY',
      bytes: request(USERNAME, MI, MI, FINGERPRINT),
      kinds: ['USERNAME', 'MESSAGE-INTEGRITY', 'FINGERPRINT'],
    },
    {
      name: 'after MESSAGE-INTEGRITY-SHA256, all but FINGERPRINT, including MESSAGE-INTEGRITY (§14.6)',
      bytes: request(PRIORITY, MI_SHA256, MI, BAD_PRIORITY, FINGERPRINT),
      kinds: ['PRIORITY', 'MESSAGE-INTEGRITY-SHA256', 'FINGERPRINT'],
    },
    {
      name: 'after FINGERPRINT, everything (§14.7: it MUST be last)',
      bytes: request(PRIORITY, FINGERPRINT, BAD_PRIORITY, MI, FINGERPRINT),
      kinds: ['PRIORITY', 'FINGERPRINT'],
    },
    {
      name: 'nothing when FINGERPRINT comes without MESSAGE-INTEGRITY',
      bytes: request(USERNAME, PRIORITY, FINGERPRINT),
      kinds: ['USERNAME', 'PRIORITY', 'FINGERPRINT'],
    },
  ];

  for (const { name, bytes, kinds } of CASES) {
    it(`drops ${name}`, () => {
      expect(kindsOf(bytes)).toEqual(kinds);
    });
  }

  it('does not report an unknown comprehension-required type that follows MESSAGE-INTEGRITY', () => {
    expect(unknownComprehensionRequired(parseStunMessage(request(MI, [0x0099, ''])))).toEqual([]);
  });
});

describe('unknown attributes (RFC 8489 §6.3.1)', () => {
  const bytes = request([0x0099, 'aa'], [0xc057, '00010032'], [0x0099, 'bb'], [0x0013, ''], USERNAME);

  it('keeps them raw, in order, and writes them back unchanged', () => {
    const message = parseStunMessage(bytes);
    expect(message.attributes.map((a) => (a.kind === 'RAW' ? a.type : a.kind))).toEqual([0x0099, 0xc057, 0x0099, 0x0013, 'USERNAME']);
    expect(serializeStunMessage(message)).toEqual(bytes);
  });

  it('lists the comprehension-required ones once each, for a 420 response', () => {
    expect(unknownComprehensionRequired(parseStunMessage(bytes))).toEqual([0x0099, 0x0013]);
  });
});

describe('serializeStunMessage', () => {
  const base: StunMessage = { method: 1, messageClass: 'request', transactionId: TEST_TRANSACTION_ID, attributes: [] };

  it('writes an empty Binding request as the bare header', () => {
    expect(serializeStunMessage(base)).toEqual(request());
  });

  it('pads with zeros by default and with paddingByte when asked (RFC 8489 §14, RFC 5389 §15)', () => {
    const message: StunMessage = { ...base, attributes: [{ kind: 'USERNAME', value: 'a' }] };
    expect(Array.from(serializeStunMessage(message).subarray(25))).toEqual([0, 0, 0]);
    expect(Array.from(serializeStunMessage(message, { paddingByte: 0x20 }).subarray(25))).toEqual([0x20, 0x20, 0x20]);
    expect(() => serializeStunMessage(message, { paddingByte: 256 })).toThrow(RangeError);
  });

  it('refuses an order whose tail the receiver would ignore (TypeError)', () => {
    const signed = parseStunMessage(serializeStunMessage(base, { integrityKey: shortTermKey('x'), fingerprint: true }));
    const [integrity, fingerprint] = signed.attributes;
    expect(() => serializeStunMessage(signed, { integrityKey: shortTermKey('x') })).toThrow(TypeError);
    expect(() => serializeStunMessage(signed, { fingerprint: true })).toThrow(TypeError);
    expect(() => serializeStunMessage({ ...base, attributes: [integrity!, { kind: 'PRIORITY', value: 1 }] })).toThrow(TypeError);
    expect(() => serializeStunMessage({ ...base, attributes: [fingerprint!, integrity!] })).toThrow(TypeError);
    const integrityOnly = { ...base, attributes: [integrity!] };
    expect(() => serializeStunMessage(integrityOnly, { fingerprint: true })).not.toThrow();
  });

  it('refuses a transaction id that is not 12 bytes, and a method over 12 bits (RangeError)', () => {
    expect(() => serializeStunMessage({ ...base, transactionId: new Uint8Array(16) })).toThrow(RangeError);
    expect(() => serializeStunMessage({ ...base, method: 0x1000 })).toThrow(RangeError);
  });

  it('refuses a body the 16-bit length cannot describe (RangeError)', () => {
    const big = { kind: 'RAW', type: 0x8888, value: new Uint8Array(0xfff0) } as const;
    expect(serializeStunMessage({ ...base, attributes: [big] }).length).toBe(20 + 4 + 0xfff0);
    expect(() => serializeStunMessage({ ...base, attributes: [big, big] })).toThrow(RangeError);
  });

  it('reads attributes back by kind, typed', () => {
    const message = parseStunMessage(request(USERNAME, PRIORITY, [T.Priority, '00000002']));
    const priority: number | undefined = findAttribute(message, 'PRIORITY')?.value;
    expect(priority).toBe(1);
    expect(findAttribute(message, 'USERNAME')?.value).toBe('a');
    expect(findAttribute(message, 'ICE-CONTROLLING')).toBeUndefined();
  });

  it('owns its transaction id: parsing copies it out of the datagram', () => {
    const bytes = request();
    const message = parseStunMessage(bytes);
    bytes[8] = 0xff;
    expect(message.transactionId).toEqual(TEST_TRANSACTION_ID);
  });
});
