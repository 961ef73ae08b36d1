/**
 * The base framing protocol (RFC 6455 §5.2): parse one frame from a buffer,
 * serialize one frame into a buffer. frame-parser.ts feeds this from a stream.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   | |1|2|3|       |K|             |                               |
 *   +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *   |     Extended payload length continued, if payload len == 127  |
 *   + - - - - - - - - - - - - - - - +-------------------------------+
 *   |                               |Masking-key, if MASK set to 1  |
 *   +-------------------------------+-------------------------------+
 *   | Masking-key (continued)       |          Payload Data         |
 *   +-------------------------------- - - - - - - - - - - - - - - - +
 *   :                     Payload Data continued ...                :
 *   +---------------------------------------------------------------+
 */
import { WebSocketError } from './errors.ts';
import { MASKING_KEY_SIZE, applyMask } from './masking.ts';

/** RFC 6455 §5.2 and §11.8; every other value is reserved. */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;
export type Opcode = (typeof Opcode)[keyof typeof Opcode];

const KNOWN_OPCODES: ReadonlySet<number> = new Set(Object.values(Opcode));

const FIN_BIT = 0x80;
const RSV_BITS = 0x70;
const OPCODE_MASK = 0x0f;
const MASK_BIT = 0x80;
const LENGTH_MASK = 0x7f;
/** Payload len values that announce a 16-bit or 64-bit extended length (§5.2). */
const LENGTH_16 = 126;
const LENGTH_64 = 127;
const BASE_HEADER_SIZE = 2;
/** RFC 6455 §5.5: all control frames have a payload of 125 bytes or less. */
export const MAX_CONTROL_PAYLOAD = 125;
/** Lengths from 2^53 on cannot be held in a JavaScript number exactly. */
const TWO_POW_32 = 2 ** 32;
const MAX_HIGH_WORD = 2 ** 21;

/** RFC 6455 §5.5: control opcodes have the most significant bit set. */
export function isControlOpcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** RFC 6455 §5.2: everything before the payload. */
export interface FrameHeader {
  fin: boolean;
  opcode: Opcode;
  /** Present exactly when the MASK bit is set. */
  maskingKey: Uint8Array | undefined;
  payloadLength: number;
}

/** A whole frame; `payload` is the application data, already unmasked. */
export interface Frame {
  fin: boolean;
  opcode: Opcode;
  /** Set to mask the payload on the wire: clients always do, servers never (§5.1). */
  maskingKey: Uint8Array | undefined;
  payload: Uint8Array;
}

export interface ParseFrameOptions {
  /**
   * RFC 6455 §5.1: a server requires masked frames (`true`), a client requires
   * unmasked ones (`false`); either side fails the connection otherwise.
   */
  expectMasked: boolean;
  /** Frames announcing more are refused from the header alone, before their payload arrives. */
  maxPayloadLength?: number;
}

/**
 * Parses the header at the start of `bytes`, or returns undefined when more
 * bytes are needed. Each rule is checked as soon as its bytes are in, so a bad
 * frame is refused without waiting for (or buffering) the rest of it.
 *
 * RFC 6455 §5.2 asks senders for the minimal length encoding ("the length of a
 * 124-byte-long string can't be encoded as the sequence 126, 0, 124") but does
 * not tell receivers to refuse longer ones; like most implementations we accept
 * them, and always send minimal lengths ourselves.
 */
export function parseFrameHeader(
  bytes: Uint8Array,
  options: ParseFrameOptions,
): { value: FrameHeader; bytesRead: number } | undefined {
  if (bytes.length < BASE_HEADER_SIZE) return undefined;
  const first = bytes[0]!;
  const second = bytes[1]!;
  const fin = (first & FIN_BIT) !== 0;
  const opcode = first & OPCODE_MASK;
  const masked = (second & MASK_BIT) !== 0;
  const length7 = second & LENGTH_MASK;
  checkFirstTwoBytes(first, opcode, fin, length7, masked, options.expectMasked);

  let offset = BASE_HEADER_SIZE;
  let payloadLength = length7;
  if (length7 === LENGTH_16) {
    if (bytes.length < offset + 2) return undefined;
    payloadLength = (bytes[offset]! << 8) | bytes[offset + 1]!;
    offset += 2;
  } else if (length7 === LENGTH_64) {
    if (bytes.length < offset + 8) return undefined;
    payloadLength = readLength64(bytes, offset);
    offset += 8;
  }
  const max = options.maxPayloadLength ?? Number.MAX_SAFE_INTEGER;
  if (payloadLength > max) {
    throw new WebSocketError('FRAME_TOO_BIG', `websocket: frame of ${payloadLength} bytes, at most ${max}`);
  }

  let maskingKey: Uint8Array | undefined;
  if (masked) {
    if (bytes.length < offset + MASKING_KEY_SIZE) return undefined;
    maskingKey = bytes.slice(offset, offset + MASKING_KEY_SIZE);
    offset += MASKING_KEY_SIZE;
  }
  return { value: { fin, opcode: opcode as Opcode, maskingKey, payloadLength }, bytesRead: offset };
}

function checkFirstTwoBytes(first: number, opcode: number, fin: boolean, length7: number, masked: boolean, expectMasked: boolean): void {
  // RFC 6455 §5.2: RSV1-3 MUST be 0 unless an extension defines them; we negotiate none.
  if ((first & RSV_BITS) !== 0) {
    throw new WebSocketError('RESERVED_BITS', `websocket: RSV bits 0x${(first & RSV_BITS).toString(16)} set without an extension`);
  }
  // RFC 6455 §5.2: an unknown opcode MUST fail the connection.
  if (!KNOWN_OPCODES.has(opcode)) {
    throw new WebSocketError('UNKNOWN_OPCODE', `websocket: reserved opcode 0x${opcode.toString(16)}`);
  }
  if (isControlOpcode(opcode)) {
    // RFC 6455 §5.5: control frames MUST NOT be fragmented and carry at most 125 bytes.
    if (!fin) throw new WebSocketError('FRAGMENTED_CONTROL_FRAME', `websocket: control frame 0x${opcode.toString(16)} without FIN`);
    if (length7 > MAX_CONTROL_PAYLOAD) {
      throw new WebSocketError('CONTROL_FRAME_TOO_LONG', `websocket: control frame payload length code ${length7} > 125`);
    }
  }
  // RFC 6455 §5.1: clients MUST mask, servers MUST NOT; the receiver fails the connection otherwise.
  if (masked !== expectMasked) {
    throw masked
      ? new WebSocketError('MASKED_FRAME', 'websocket: masked frame from a server')
      : new WebSocketError('UNMASKED_FRAME', 'websocket: unmasked frame from a client');
  }
}

function readLength64(bytes: Uint8Array, offset: number): number {
  const high = ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
  const low = ((bytes[offset + 4]! << 24) | (bytes[offset + 5]! << 16) | (bytes[offset + 6]! << 8) | bytes[offset + 7]!) >>> 0;
  // RFC 6455 §5.2: "the most significant bit MUST be 0".
  if (high >= 0x80000000) throw new WebSocketError('BAD_PAYLOAD_LENGTH', 'websocket: 64-bit payload length with the top bit set');
  if (high >= MAX_HIGH_WORD) {
    throw new WebSocketError('FRAME_TOO_BIG', `websocket: frame of ${high * TWO_POW_32 + low} bytes is 2^53 or more`);
  }
  return high * TWO_POW_32 + low;
}

/**
 * Parses one whole frame at the start of `bytes`, or returns undefined when it
 * is not all there. The payload is a fresh, unmasked copy; `bytes` is not modified.
 */
export function parseFrame(bytes: Uint8Array, options: ParseFrameOptions): { value: Frame; bytesRead: number } | undefined {
  const header = parseFrameHeader(bytes, options);
  if (header === undefined) return undefined;
  const end = header.bytesRead + header.value.payloadLength;
  if (bytes.length < end) return undefined;
  const payload = bytes.slice(header.bytesRead, end);
  const { fin, opcode, maskingKey } = header.value;
  if (maskingKey !== undefined) applyMask(payload, maskingKey);
  return { value: { fin, opcode, maskingKey, payload }, bytesRead: end };
}

/** Header bytes for a payload of `payloadLength`, with the minimal length encoding (§5.2). */
export function frameHeaderSize(payloadLength: number, masked: boolean): number {
  const lengthSize = payloadLength < LENGTH_16 ? 0 : payloadLength <= 0xffff ? 2 : 8;
  return BASE_HEADER_SIZE + lengthSize + (masked ? MASKING_KEY_SIZE : 0);
}

export function serializedSize(frame: Frame): number {
  return frameHeaderSize(frame.payload.length, frame.maskingKey !== undefined) + frame.payload.length;
}

/**
 * Writes `frame` at `offset` (masking a copy of the payload if it has a key)
 * and returns the bytes written. Throws RangeError for a frame the RFC forbids
 * sending: an unknown opcode, a fragmented or oversized control frame (§5.5),
 * a key that is not 4 bytes, or a buffer too small.
 */
export function serializeInto(frame: Frame, buf: Uint8Array, offset: number): number {
  checkSendable(frame);
  const { payload, maskingKey } = frame;
  const size = serializedSize(frame);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
    throw new RangeError(`websocket: buffer too small (${buf.length} bytes, need ${size} at offset ${offset})`);
  }
  let at = offset;
  buf[at++] = (frame.fin ? FIN_BIT : 0) | frame.opcode;
  const maskBit = maskingKey !== undefined ? MASK_BIT : 0;
  if (payload.length < LENGTH_16) {
    buf[at++] = maskBit | payload.length;
  } else if (payload.length <= 0xffff) {
    buf[at++] = maskBit | LENGTH_16;
    buf[at++] = payload.length >>> 8;
    buf[at++] = payload.length & 0xff;
  } else {
    buf[at++] = maskBit | LENGTH_64;
    const high = Math.floor(payload.length / TWO_POW_32);
    const low = payload.length >>> 0;
    for (const [word, shift] of [[high, 24], [high, 16], [high, 8], [high, 0], [low, 24], [low, 16], [low, 8], [low, 0]] as const) {
      buf[at++] = (word >>> shift) & 0xff;
    }
  }
  if (maskingKey !== undefined) {
    buf.set(maskingKey, at);
    at += MASKING_KEY_SIZE;
  }
  buf.set(payload, at);
  if (maskingKey !== undefined) applyMask(buf.subarray(at, at + payload.length), maskingKey);
  return at + payload.length - offset;
}

export function serializeFrame(frame: Frame): Uint8Array {
  const out = new Uint8Array(serializedSize(frame));
  serializeInto(frame, out, 0);
  return out;
}

function checkSendable(frame: Frame): void {
  if (!KNOWN_OPCODES.has(frame.opcode)) throw new RangeError(`websocket: opcode ${frame.opcode} is reserved (RFC 6455 §5.2)`);
  if (isControlOpcode(frame.opcode) && (!frame.fin || frame.payload.length > MAX_CONTROL_PAYLOAD)) {
    throw new RangeError('websocket: control frames need FIN and at most 125 bytes (RFC 6455 §5.5)');
  }
  if (frame.maskingKey !== undefined && frame.maskingKey.length !== MASKING_KEY_SIZE) {
    throw new RangeError(`websocket: masking key of ${frame.maskingKey.length} bytes, want 4`);
  }
}
