/**
 * The test vectors of RFC 5769 ("Test Vectors for STUN"), byte for byte, laid
 * out as the RFC prints them: one field per line. Used by rfc5769.test.ts and
 * as fuzz seeds. Test data only; nothing in the package imports it.
 *
 * The short-term vectors (§2.1–§2.3) pad with 0x20 (spaces), which RFC 5389
 * §15 allowed; RFC 8489 §14 now requires zeros. §2.4 pads with zeros.
 */
import type { StunMessage } from './message.ts';
import { fromHex } from './test-support.ts';

export interface Rfc5769Vector {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Every field, as the RFC states it (MESSAGE-INTEGRITY and FINGERPRINT values included). */
  readonly want: StunMessage;
  readonly paddingByte: number;
  readonly credentials:
    | { readonly kind: 'short-term'; readonly password: string }
    | { readonly kind: 'long-term'; readonly username: string; readonly realm: string; readonly password: string };
}

const TRANSACTION_ID = fromHex('b7e7a701 bc34d686 fa87dfae');
const SHORT_TERM = { kind: 'short-term', password: 'VOkJxbRl1RmTxUk/WvJxBt' } as const;

/** The lines §2.2 and §2.3 share after type and length: the same transaction and SOFTWARE. */
const SAMPLE_RESPONSE_HEAD = [
  '2112a442',           // magic cookie
  'b7e7a701',           // transaction id
  'bc34d686',
  'fa87dfae',
  '8022 000b',          // SOFTWARE, length 11
  '74657374',           // "test vector"
  '20766563',
  '746f72 20',          // last 3 bytes, 1 padding byte 0x20
];

/** The parsed §2.2 and §2.3 responses: SOFTWARE, then `attributes`. */
function sampleResponse(attributes: StunMessage['attributes']): StunMessage {
  return {
    method: 0x001,
    messageClass: 'success-response',
    transactionId: TRANSACTION_ID,
    attributes: [{ kind: 'SOFTWARE', value: 'test vector' }, ...attributes],
  };
}

export const RFC5769_VECTORS: readonly Rfc5769Vector[] = [
  {
    name: 'RFC 5769 §2.1 sample request',
    bytes: fromHex(
      '0001 0058',          // Binding request, message length 88
      '2112a442',           // magic cookie
      'b7e7a701',           // transaction id
      'bc34d686',
      'fa87dfae',
      '8022 0010',          // SOFTWARE, length 16
      '5354554e',           // "STUN test client"
      '20746573',
      '7420636c',
      '69656e74',
      '0024 0004',          // PRIORITY, length 4
      '6e0001ff',           // 1845494271
      '8029 0008',          // ICE-CONTROLLED, length 8
      '932ff9b1',           // tie-breaker 0x932ff9b151263b36
      '51263b36',
      '0006 0009',          // USERNAME, length 9
      '6576746a',           // "evtj:h6vY"
      '3a683676',
      '59 202020',          // last byte of the username, 3 padding bytes 0x20
      '0008 0014',          // MESSAGE-INTEGRITY, length 20
      '9aeaa70c',           // HMAC-SHA1
      'bfd8cb56',
      '781ef2b5',
      'b2d3f249',
      'c1b571a2',
      '8028 0004',          // FINGERPRINT, length 4
      'e57a3bcf',           // CRC-32 xor 0x5354554e
    ),
    want: {
      method: 0x001,
      messageClass: 'request',
      transactionId: TRANSACTION_ID,
      attributes: [
        { kind: 'SOFTWARE', value: 'STUN test client' },
        { kind: 'PRIORITY', value: 0x6e0001ff },
        { kind: 'ICE-CONTROLLED', tieBreaker: 0x932ff9b151263b36n },
        { kind: 'USERNAME', value: 'evtj:h6vY' },
        { kind: 'MESSAGE-INTEGRITY', hmac: fromHex('9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2') },
        { kind: 'FINGERPRINT', value: 0xe57a3bcf },
      ],
    },
    paddingByte: 0x20,
    credentials: SHORT_TERM,
  },
  {
    name: 'RFC 5769 §2.2 sample IPv4 response',
    bytes: fromHex(
      '0101 003c',          // Binding success response, message length 60
      ...SAMPLE_RESPONSE_HEAD,
      '0020 0008',          // XOR-MAPPED-ADDRESS, length 8
      '0001 a147',          // family IPv4, X-Port (32853 xor 0x2112)
      'e112a643',           // X-Address (192.0.2.1 xor 0x2112a442)
      '0008 0014',          // MESSAGE-INTEGRITY, length 20
      '2b91f599',           // HMAC-SHA1
      'fd9e90c3',
      '8c7489f9',
      '2af9ba53',
      'f06be7d7',
      '8028 0004',          // FINGERPRINT, length 4
      'c07d4c96',           // CRC-32 xor 0x5354554e
    ),
    want: sampleResponse([
      { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv4', address: '192.0.2.1', port: 32853 } },
      { kind: 'MESSAGE-INTEGRITY', hmac: fromHex('2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7') },
      { kind: 'FINGERPRINT', value: 0xc07d4c96 },
    ]),
    paddingByte: 0x20,
    credentials: SHORT_TERM,
  },
  {
    name: 'RFC 5769 §2.3 sample IPv6 response',
    bytes: fromHex(
      '0101 0048',          // Binding success response, message length 72
      ...SAMPLE_RESPONSE_HEAD,
      '0020 0014',          // XOR-MAPPED-ADDRESS, length 20
      '0002 a147',          // family IPv6, X-Port (32853 xor 0x2112)
      '0113a9fa',           // X-Address: 2001:db8:1234:5678:11:2233:4455:6677
      'a5d3f179',           //   xor (magic cookie ‖ transaction id)
      'bc25f4b5',
      'bed2b9d9',
      '0008 0014',          // MESSAGE-INTEGRITY, length 20
      'a382954e',           // HMAC-SHA1
      '4be67bf1',
      '1784c97c',
      '8292c275',
      'bfe3ed41',
      '8028 0004',          // FINGERPRINT, length 4
      'c8fb0b4c',           // CRC-32 xor 0x5354554e
    ),
    want: sampleResponse([
      { kind: 'XOR-MAPPED-ADDRESS', address: { family: 'IPv6', address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 } },
      { kind: 'MESSAGE-INTEGRITY', hmac: fromHex('a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41') },
      { kind: 'FINGERPRINT', value: 0xc8fb0b4c },
    ]),
    paddingByte: 0x20,
    credentials: SHORT_TERM,
  },
  {
    name: 'RFC 5769 §2.4 sample request with long-term authentication',
    bytes: fromHex(
      '0001 0060',          // Binding request, message length 96
      '2112a442',           // magic cookie
      '78ad3433',           // transaction id
      'c6ad72c0',
      '29da412e',
      '0006 0012',          // USERNAME, length 18
      'e3839ee3',           // "マトリックス" (U+30DE U+30C8 U+30EA U+30C3 U+30AF U+30B9)
      '8388e383',
      'aae38383',
      'e382afe3',
      '82b9 0000',          // last 2 bytes, 2 padding bytes
      '0015 001c',          // NONCE, length 28
      '662f2f34',           // "f//499k954d6OL34oL9FSTvy64sA"
      '39396b39',
      '35346436',
      '4f4c3334',
      '6f4c3946',
      '53547679',
      '36347341',
      '0014 000b',          // REALM, length 11
      '6578616d',           // "example.org"
      '706c652e',
      '6f7267 00',          // last 3 bytes, 1 padding byte
      '0008 0014',          // MESSAGE-INTEGRITY, length 20
      'f6702465',           // HMAC-SHA1 with the long-term key
      '6dd64a3e',
      '02b8e071',
      '2e85c9a2',
      '8ca89666',
    ),
    want: {
      method: 0x001,
      messageClass: 'request',
      transactionId: fromHex('78ad3433 c6ad72c0 29da412e'),
      attributes: [
        { kind: 'USERNAME', value: '\u30de\u30c8\u30ea\u30c3\u30af\u30b9' },
        { kind: 'NONCE', value: 'f//499k954d6OL34oL9FSTvy64sA' },
        { kind: 'REALM', value: 'example.org' },
        { kind: 'MESSAGE-INTEGRITY', hmac: fromHex('f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666') },
      ],
    },
    paddingByte: 0x00,
    credentials: {
      kind: 'long-term',
      username: '\u30de\u30c8\u30ea\u30c3\u30af\u30b9',
      realm: 'example.org',
      // The RFC's password is "The<U+00AD>M<U+00AA>tr<U+2168>"; SASLprep (RFC 4013) turns it
      // into "TheMatrIX", which is what the key is made from. This package does not
      // implement SASLprep (ICE never needs it), so the vector carries the prepared form.
      password: 'TheMatrIX',
    },
  },
];
