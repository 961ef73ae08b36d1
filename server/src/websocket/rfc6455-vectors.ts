/**
 * The examples of RFC 6455, byte for byte: the handshake key of §1.3 and the
 * frames of §5.7. Used by this package's tests, as fuzz seeds, and by the
 * 14-websocket exercise's grading tests. Test data only; nothing in the
 * package imports it.
 */

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

/** RFC 6455 §1.3 (and §4.2.2 item 5.4): this key gives this accept value. */
export const HANDSHAKE_EXAMPLE = {
  key: 'dGhlIHNhbXBsZSBub25jZQ==',
  accept: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=',
} as const;

/** RFC 6455 §5.7: the masking key of the masked examples. */
export const EXAMPLE_MASKING_KEY = bytes(0x37, 0xfa, 0x21, 0x3d);

export interface FrameVector {
  readonly name: string;
  /** The frame on the wire. */
  readonly wire: Uint8Array;
  readonly fin: boolean;
  readonly opcode: number;
  readonly maskingKey: Uint8Array | undefined;
  /** The application data, unmasked. */
  readonly payload: Uint8Array;
}

const HELLO = new TextEncoder().encode('Hello');

/** 256 and 65536 bytes of a recognisable pattern for the §5.7 length examples (the RFC leaves the data open). */
export function patternBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 7 + 3) & 0xff;
  return out;
}

function withHeader(header: number[], payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

/** RFC 6455 §5.7, in the RFC's order. */
export const FRAME_VECTORS: readonly FrameVector[] = [
  {
    name: 'single-frame unmasked text "Hello"',
    wire: bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
    fin: true,
    opcode: 0x1,
    maskingKey: undefined,
    payload: HELLO,
  },
  {
    name: 'single-frame masked text "Hello"',
    wire: bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
    fin: true,
    opcode: 0x1,
    maskingKey: EXAMPLE_MASKING_KEY,
    payload: HELLO,
  },
  {
    name: 'fragmented unmasked text, first fragment "Hel"',
    wire: bytes(0x01, 0x03, 0x48, 0x65, 0x6c),
    fin: false,
    opcode: 0x1,
    maskingKey: undefined,
    payload: HELLO.slice(0, 3),
  },
  {
    name: 'fragmented unmasked text, last fragment "lo"',
    wire: bytes(0x80, 0x02, 0x6c, 0x6f),
    fin: true,
    opcode: 0x0,
    maskingKey: undefined,
    payload: HELLO.slice(3),
  },
  {
    name: 'unmasked Ping "Hello"',
    wire: bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f),
    fin: true,
    opcode: 0x9,
    maskingKey: undefined,
    payload: HELLO,
  },
  {
    name: 'masked Pong "Hello"',
    wire: bytes(0x8a, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58),
    fin: true,
    opcode: 0xa,
    maskingKey: EXAMPLE_MASKING_KEY,
    payload: HELLO,
  },
  {
    name: '256 bytes binary in a single unmasked frame (16-bit length)',
    wire: withHeader([0x82, 0x7e, 0x01, 0x00], patternBytes(256)),
    fin: true,
    opcode: 0x2,
    maskingKey: undefined,
    payload: patternBytes(256),
  },
  {
    name: '64 KiB binary in a single unmasked frame (64-bit length)',
    wire: withHeader([0x82, 0x7f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00], patternBytes(65536)),
    fin: true,
    opcode: 0x2,
    maskingKey: undefined,
    payload: patternBytes(65536),
  },
];
