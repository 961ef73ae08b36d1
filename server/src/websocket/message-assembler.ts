/**
 * Data frames → messages (RFC 6455 §5.4, §5.6): joins fragments, checks that
 * continuation frames continue something and that a new message does not
 * start inside an open one, enforces the message size limit, and validates
 * text as UTF-8 fragment by fragment so bad text fails fast (§8.1), even
 * when a character is split across two fragments.
 *
 * Control frames may arrive between fragments (§5.4); they never reach here.
 */
import { WebSocketError } from './errors.ts';
import { type Frame, type FrameHeader, Opcode, isControlOpcode } from './frame.ts';

/** A whole message: text arrives as a string, binary as a Buffer. */
export interface WebSocketMessage {
  data: string | Buffer;
  binary: boolean;
}

interface OpenMessage {
  binary: boolean;
  size: number;
  /** Binary payloads, or text already decoded (the decoder holds any split character). */
  parts: Uint8Array[];
  text: string[];
}

export class MessageAssembler {
  readonly #maxMessageSize: number;
  #open: OpenMessage | undefined;
  /** RFC 6455 §8.1: invalid UTF-8 MUST fail the connection, hence `fatal`. */
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(options: { maxMessageSize: number }) {
    this.#maxMessageSize = options.maxMessageSize;
  }

  /** Whether a fragmented message has started and not finished. */
  get inMessage(): boolean {
    return this.#open !== undefined;
  }

  /**
   * The fragmentation and size rules, checked on the header alone so that an
   * oversized message is refused before its payload is buffered. Pass it to
   * FrameParser as `onHeader`; `add` checks again for callers that do not.
   */
  checkHeader(header: FrameHeader): void {
    if (!isControlOpcode(header.opcode)) this.#check(header.opcode, header.payloadLength);
  }

  /** Adds one data frame; returns the message once its final fragment is in. */
  add(frame: Frame): WebSocketMessage | undefined {
    if (isControlOpcode(frame.opcode)) throw new TypeError(`websocket: control frame 0x${frame.opcode.toString(16)} given to the message assembler`);
    const size = this.#check(frame.opcode, frame.payload.length);
    if (frame.opcode !== Opcode.Continuation && frame.fin) return this.#single(frame);
    const open = (this.#open ??= { binary: frame.opcode === Opcode.Binary, size: 0, parts: [], text: [] });
    open.size = size;
    if (open.binary) open.parts.push(frame.payload);
    else open.text.push(this.#decode(frame.payload, !frame.fin));
    if (!frame.fin) return undefined;
    this.#open = undefined;
    return open.binary
      ? { data: Buffer.concat(open.parts, open.size), binary: true }
      : { data: open.text.join(''), binary: false };
  }

  /** The common case, one unfragmented frame, without the bookkeeping. */
  #single(frame: Frame): WebSocketMessage {
    const { payload } = frame;
    if (frame.opcode === Opcode.Binary) {
      return { data: Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), binary: true };
    }
    return { data: this.#decode(payload, false), binary: false };
  }

  /** The message size once this frame is added; throws for §5.4 violations and the size limit. */
  #check(opcode: number, payloadLength: number): number {
    let size: number;
    if (opcode === Opcode.Continuation) {
      // RFC 6455 §5.4: fragments after the first have opcode 0; a lone one continues nothing.
      if (this.#open === undefined) throw new WebSocketError('UNEXPECTED_CONTINUATION', 'websocket: continuation frame with no message open');
      size = this.#open.size + payloadLength;
    } else {
      // RFC 6455 §5.4: fragments of one message MUST NOT interleave with another message.
      if (this.#open !== undefined) {
        throw new WebSocketError('MESSAGE_NOT_FINISHED', `websocket: opcode 0x${opcode.toString(16)} while a fragmented message is open`);
      }
      size = payloadLength;
    }
    // RFC 6455 §10.4: limit message size; §7.4.1 status 1009 says why.
    if (size > this.#maxMessageSize) {
      throw new WebSocketError('MESSAGE_TOO_BIG', `websocket: message of ${size} bytes or more, at most ${this.#maxMessageSize}`);
    }
    return size;
  }

  /** `stream` keeps a character split at the end of this fragment for the next one. */
  #decode(payload: Uint8Array, stream: boolean): string {
    try {
      return this.#decoder.decode(payload, { stream });
    } catch (cause) {
      throw new WebSocketError('INVALID_UTF8', 'websocket: text message is not valid UTF-8', { cause });
    }
  }
}
