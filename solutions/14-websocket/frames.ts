/**
 * Exercise 14-websocket (reference solution). See exercises/14-websocket/frames.ts for the contract.
 *
 * The SFU's WebSocket package already does all of this: server/src/websocket/frame.ts parses and
 * writes frames with every RFC 6455 check, masking.ts masks a word at a time, handshake.ts computes
 * the accept key. This adapts them to the exercise's API; read those files as the worked reference.
 * Only fragmentMessage is new: the SFU sends each message as a single frame.
 */
import { ProtocolError } from '#server/common/protocol-error.ts';
import { Opcode, WebSocketError, type WebSocketErrorCode, applyMask, computeAcceptKey, isControlOpcode, parseFrame, serializeFrame } from '#server/websocket/index.ts';

export type FrameErrorCode =
  | 'RESERVED_BITS'
  | 'UNKNOWN_OPCODE'
  | 'FRAGMENTED_CONTROL_FRAME'
  | 'CONTROL_FRAME_TOO_LONG'
  | 'UNMASKED_FRAME'
  | 'MASKED_FRAME'
  | 'BAD_PAYLOAD_LENGTH';

export class FrameError extends ProtocolError<FrameErrorCode> {}

export interface WsFrame {
  fin: boolean;
  opcode: number;
  maskingKey: Uint8Array | undefined;
  payload: Uint8Array;
}

/** The production codes under the exercise's names; FRAME_TOO_BIG without a limit means "2^53 or more". */
const CODES: Partial<Record<WebSocketErrorCode, FrameErrorCode>> = {
  RESERVED_BITS: 'RESERVED_BITS',
  UNKNOWN_OPCODE: 'UNKNOWN_OPCODE',
  FRAGMENTED_CONTROL_FRAME: 'FRAGMENTED_CONTROL_FRAME',
  CONTROL_FRAME_TOO_LONG: 'CONTROL_FRAME_TOO_LONG',
  UNMASKED_FRAME: 'UNMASKED_FRAME',
  MASKED_FRAME: 'MASKED_FRAME',
  BAD_PAYLOAD_LENGTH: 'BAD_PAYLOAD_LENGTH',
  FRAME_TOO_BIG: 'BAD_PAYLOAD_LENGTH',
};

export function acceptKey(key: string): string {
  return computeAcceptKey(key);
}

export function maskPayload(payload: Uint8Array, key: Uint8Array): Uint8Array {
  const out = Uint8Array.from(payload);
  applyMask(out, key);
  return out;
}

export function encodeFrame(frame: WsFrame): Uint8Array {
  return serializeFrame({ fin: frame.fin, opcode: frame.opcode as Opcode, maskingKey: frame.maskingKey, payload: frame.payload });
}

export function decodeFrame(bytes: Uint8Array, options: { expectMasked: boolean }): { frame: WsFrame; bytesRead: number } | undefined {
  try {
    const parsed = parseFrame(bytes, options);
    if (parsed === undefined) return undefined;
    const { fin, opcode, maskingKey, payload } = parsed.value;
    return { frame: { fin, opcode, maskingKey, payload }, bytesRead: parsed.bytesRead };
  } catch (error) {
    const code = error instanceof WebSocketError ? CODES[error.code] : undefined;
    if (code === undefined) throw error;
    throw new FrameError(code, (error as Error).message, { cause: error });
  }
}

export function fragmentMessage(opcode: number, payload: Uint8Array, fragmentSize: number, maskingKeys?: readonly Uint8Array[]): WsFrame[] {
  if (opcode !== Opcode.Text && opcode !== Opcode.Binary) {
    throw new RangeError(`websocket: only text and binary messages are fragmented (RFC 6455 §5.4), not ${isControlOpcode(opcode) ? 'control ' : ''}opcode ${opcode}`);
  }
  if (!Number.isInteger(fragmentSize) || fragmentSize < 1) throw new RangeError(`websocket: fragment size ${fragmentSize}, want at least 1`);
  const frames: WsFrame[] = [];
  let offset = 0;
  do {
    const end = Math.min(payload.length, offset + fragmentSize);
    frames.push({
      fin: end === payload.length,
      opcode: frames.length === 0 ? opcode : Opcode.Continuation,
      maskingKey: maskingKeys?.[frames.length],
      payload: payload.subarray(offset, end),
    });
    offset = end;
  } while (offset < payload.length);
  return frames;
}
