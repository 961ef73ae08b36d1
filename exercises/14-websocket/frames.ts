/**
 * Exercise 14-websocket: WebSocket frames (RFC 6455 §5), with masking and
 * fragmentation, and the handshake's accept key (§1.3).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-------+-+-------------+-------------------------------+
 *   |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *   |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *   |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *   +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *   |     Extended payload length continued, if payload len == 127  |
 *   + - - - - - - - - - - - - - - - +-------------------------------+
 *   |                               |Masking-key, if MASK set to 1  |
 *   +-------------------------------+-------------------------------+
 *   | Masking-key (continued)       |          Payload Data         |
 *   +-------------------------------- - - - - - - - - - - - - - - - +
 *
 *   Opcodes: 0x0 continuation, 0x1 text, 0x2 binary, 0x8 close, 0x9 ping, 0xA pong; all others
 *   are reserved. 0x8-0xF are control opcodes. Lengths: 0-125 in the 7 bits; 126 then a 16-bit
 *   length; 127 then a 64-bit length whose most significant bit must be 0. Big-endian throughout.
 *
 * acceptKey(key) returns Sec-WebSocket-Accept for a Sec-WebSocket-Key (§1.3, §4.2.2):
 *   base64( SHA-1( key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" ) ).
 *   acceptKey('dGhlIHNhbXBsZSBub25jZQ==') -> 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='
 *
 * maskPayload(payload, key) returns a NEW array: byte i XOR key[i % 4] (§5.3). The same function
 *   unmasks. It must not modify `payload`. RangeError if the key is not 4 bytes.
 *
 * encodeFrame(frame) returns the frame's bytes: FIN from frame.fin, RSV bits 0, the opcode, the
 *   MASK bit and the 4-byte key when frame.maskingKey is set (then the payload is written masked),
 *   and the SHORTEST length encoding (125 fits in 7 bits, 126-65535 take 16 bits, more take 64).
 *   frame.payload is always the unmasked application data. RangeError for a reserved opcode, a
 *   control frame without FIN or with more than 125 bytes, or a key that is not 4 bytes.
 *
 * decodeFrame(bytes, { expectMasked }) reads ONE frame at the start of `bytes`:
 *   - undefined when `bytes` does not yet hold the whole frame (a stream delivers it in pieces);
 *   - otherwise { frame, bytesRead }: frame.payload unmasked (a copy: `bytes` is not modified),
 *     frame.maskingKey the key (undefined when MASK is 0), bytesRead the frame's size on the wire.
 *   Check the header as soon as its bytes are there, in this order, and throw FrameError:
 *     RESERVED_BITS             RSV1, RSV2 or RSV3 set (no extension is negotiated)
 *     UNKNOWN_OPCODE            opcode 0x3-0x7 or 0xB-0xF
 *     FRAGMENTED_CONTROL_FRAME  a control frame with FIN = 0 (§5.5)
 *     CONTROL_FRAME_TOO_LONG    a control frame with a 7-bit length over 125 (§5.5)
 *     UNMASKED_FRAME            MASK = 0 but expectMasked (a server reading a client, §5.1)
 *     MASKED_FRAME              MASK = 1 but not expectMasked (a client reading a server)
 *     BAD_PAYLOAD_LENGTH        a 64-bit length with the top bit set, or one of 2^53 or more
 *                               (a JavaScript number cannot hold it exactly)
 *   These are all decided by the first 2 bytes, except BAD_PAYLOAD_LENGTH (the first 10): throw
 *   as soon as you know, even if the rest of the frame has not arrived.
 *
 * fragmentMessage(opcode, payload, fragmentSize, maskingKeys?) splits one message into frames of
 *   at most fragmentSize payload bytes (§5.4): the first carries `opcode` (text or binary), the
 *   others opcode 0 (continuation); only the last has FIN. An empty payload is one frame. With
 *   maskingKeys, frame i is masked with maskingKeys[i] (a client sends a fresh key per frame).
 *   RangeError for a control opcode or a fragmentSize below 1.
 *   fragmentMessage(1, "Hello", 3) -> the two frames of RFC 6455 §5.7: 01 03 48 65 6c, 80 02 6c 6f
 *
 * You may use node:crypto (createHash). Not #server/websocket: that is the answer.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';

export type FrameErrorCode =
  | 'RESERVED_BITS'
  | 'UNKNOWN_OPCODE'
  | 'FRAGMENTED_CONTROL_FRAME'
  | 'CONTROL_FRAME_TOO_LONG'
  | 'UNMASKED_FRAME'
  | 'MASKED_FRAME'
  | 'BAD_PAYLOAD_LENGTH';

/** Throw as: new FrameError('UNKNOWN_OPCODE', 'websocket: reserved opcode 0x3') */
export class FrameError extends ProtocolError<FrameErrorCode> {}

export interface WsFrame {
  fin: boolean;
  opcode: number;
  /** 4 bytes when the frame is (to be) masked, else undefined. */
  maskingKey: Uint8Array | undefined;
  /** The application data, unmasked. */
  payload: Uint8Array;
}

export function acceptKey(key: string): string {
  throw new Error('TODO: base64 of the SHA-1 of key + the GUID of RFC 6455 §1.3');
}

export function maskPayload(payload: Uint8Array, key: Uint8Array): Uint8Array {
  throw new Error('TODO: a new array, payload[i] ^ key[i % 4]');
}

export function encodeFrame(frame: WsFrame): Uint8Array {
  throw new Error('TODO: first byte, second byte with MASK and length, extended length, key, payload');
}

export function decodeFrame(bytes: Uint8Array, options: { expectMasked: boolean }): { frame: WsFrame; bytesRead: number } | undefined {
  throw new Error('TODO: check the header as its bytes arrive; undefined until the whole frame is there');
}

export function fragmentMessage(opcode: number, payload: Uint8Array, fragmentSize: number, maskingKeys?: readonly Uint8Array[]): WsFrame[] {
  throw new Error('TODO: the first frame with the opcode, continuations after it, FIN on the last');
}
