/**
 * The inbound side of a connection, with no socket: bytes in, events out.
 * Frames come from FrameParser, data frames go through MessageAssembler, and
 * control frames (RFC 6455 §5.5) come out as they arrive, between fragments too.
 *
 *   receiver.push(chunk);
 *   for (let event = receiver.next(); event !== undefined; event = receiver.next()) ...
 *
 * Throws WebSocketError for anything RFC 6455 says fails the connection; the
 * error's `closeCode` is what to send.
 */
import { parseClosePayload } from './close-frame.ts';
import { FrameParser } from './frame-parser.ts';
import { Opcode } from './frame.ts';
import { MessageAssembler, type WebSocketMessage } from './message-assembler.ts';

export type InboundEvent =
  | { kind: 'message'; message: WebSocketMessage }
  | { kind: 'ping'; payload: Uint8Array }
  | { kind: 'pong'; payload: Uint8Array }
  | { kind: 'close'; code: number; reason: string };

export interface ReceiverOptions {
  /** True on a server (client frames MUST be masked), false on a client (RFC 6455 §5.1). */
  expectMasked: boolean;
  maxMessageSize: number;
  maxFrameSize: number;
}

export class Receiver {
  readonly #parser: FrameParser;
  readonly #assembler: MessageAssembler;

  constructor(options: ReceiverOptions) {
    const assembler = new MessageAssembler({ maxMessageSize: options.maxMessageSize });
    this.#assembler = assembler;
    this.#parser = new FrameParser({
      expectMasked: options.expectMasked,
      maxPayloadLength: options.maxFrameSize,
      onHeader: (header) => assembler.checkHeader(header),
    });
  }

  /** Bytes received and not yet returned as events (a partial frame). */
  get bufferedBytes(): number {
    return this.#parser.bufferedBytes;
  }

  push(chunk: Uint8Array): void {
    this.#parser.push(chunk);
  }

  /** The next event, or undefined until more bytes arrive. */
  next(): InboundEvent | undefined {
    for (let frame = this.#parser.next(); frame !== undefined; frame = this.#parser.next()) {
      switch (frame.opcode) {
        case Opcode.Ping:
          return { kind: 'ping', payload: frame.payload };
        case Opcode.Pong:
          return { kind: 'pong', payload: frame.payload };
        case Opcode.Close:
          return { kind: 'close', ...parseClosePayload(frame.payload) };
        default: {
          const message = this.#assembler.add(frame);
          if (message !== undefined) return { kind: 'message', message };
        }
      }
    }
    return undefined;
  }
}
