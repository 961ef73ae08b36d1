/**
 * Frames from a byte stream that arrives in any split (RFC 6455 §5.2): push
 * chunks as they come, pull whole frames. A frame's header is checked (and
 * handed to `onHeader`) as soon as it is in, so a frame that is too big or out
 * of place is refused before its payload is buffered.
 *
 *   const parser = new FrameParser({ expectMasked: true, maxPayloadLength: 1 << 20 });
 *   parser.push(chunk);
 *   for (let frame = parser.next(); frame !== undefined; frame = parser.next()) handle(frame);
 */
import { WebSocketError } from './errors.ts';
import { type Frame, type FrameHeader, type ParseFrameOptions, parseFrameHeader } from './frame.ts';
import { applyMask } from './masking.ts';

/** 2 + 8 (64-bit length) + 4 (masking key), the longest header RFC 6455 §5.2 allows. */
const MAX_HEADER_SIZE = 14;
/** A header alone reserves no more than this; the payload buffer grows as bytes arrive. */
const INITIAL_PAYLOAD_CAPACITY = 64 * 1024;
const EMPTY = new Uint8Array(0);

export interface FrameParserOptions extends ParseFrameOptions {
  /**
   * Sees each header before its payload is buffered and may throw a
   * WebSocketError to refuse it (the message assembler checks fragmentation
   * and message size here).
   */
  onHeader?: (header: FrameHeader) => void;
}

export class FrameParser {
  readonly #options: FrameParserOptions;
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  /** The header of the frame whose payload is still arriving, its payload so far and how much of it is in. */
  #header: FrameHeader | undefined;
  #payload = EMPTY;
  #filled = 0;
  /** Once failed, the stream has lost frame sync: every later call throws the same error. */
  #failure: WebSocketError | undefined;

  constructor(options: FrameParserOptions) {
    this.#options = { ...options };
  }

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number {
    return this.#buffered + this.#filled;
  }

  /** Adds received bytes. They are copied out on parse, never modified. */
  push(chunk: Uint8Array): void {
    if (this.#failure !== undefined || chunk.length === 0) return;
    // Sockets deliver Buffers, whose subarray() costs several times a plain Uint8Array's;
    // parsing takes one per frame, so view the same memory as a plain Uint8Array.
    this.#chunks.push(Buffer.isBuffer(chunk) ? new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) : chunk);
    this.#buffered += chunk.length;
  }

  /**
   * The next whole frame (payload unmasked), or undefined until more bytes
   * arrive. Throws WebSocketError for a frame RFC 6455 forbids.
   */
  next(): Frame | undefined {
    if (this.#failure !== undefined) throw this.#failure;
    try {
      return this.#next();
    } catch (error) {
      if (error instanceof WebSocketError) {
        this.#failure = error;
        this.#chunks = [];
        this.#buffered = 0;
        this.#payload = EMPTY;
        this.#filled = 0;
      }
      throw error;
    }
  }

  #next(): Frame | undefined {
    if (this.#header === undefined) {
      const parsed = parseFrameHeader(this.#peek(MAX_HEADER_SIZE), this.#options);
      if (parsed === undefined) return undefined;
      this.#options.onHeader?.(parsed.value);
      this.#drop(parsed.bytesRead);
      this.#header = parsed.value;
      this.#payload = new Uint8Array(Math.min(parsed.value.payloadLength, INITIAL_PAYLOAD_CAPACITY));
      this.#filled = 0;
    }
    const header = this.#header;
    this.#fillPayload(header.payloadLength);
    if (this.#filled < header.payloadLength) return undefined;
    const payload = this.#payload;
    this.#header = undefined;
    this.#payload = EMPTY;
    this.#filled = 0;
    if (header.maskingKey !== undefined) applyMask(payload, header.maskingKey);
    return { fin: header.fin, opcode: header.opcode, maskingKey: header.maskingKey, payload };
  }

  /**
   * Moves pending bytes into the payload buffer, which grows by doubling up to
   * the announced length: memory follows what the peer really sent, not what
   * its header claims, and many tiny chunks do not pile up as separate objects.
   */
  #fillPayload(length: number): void {
    while (this.#filled < length && this.#chunks.length > 0) {
      const chunk = this.#chunks[0]!;
      const part = chunk.subarray(0, length - this.#filled);
      const needed = this.#filled + part.length;
      if (needed > this.#payload.length) {
        const grown = new Uint8Array(Math.min(length, Math.max(needed, this.#payload.length * 2)));
        grown.set(this.#payload.subarray(0, this.#filled));
        this.#payload = grown;
      }
      this.#payload.set(part, this.#filled);
      this.#filled = needed;
      this.#drop(part.length);
    }
  }

  /** Up to `size` pending bytes from the front, contiguous, without consuming them. */
  #peek(size: number): Uint8Array {
    const first = this.#chunks[0];
    if (first === undefined) return EMPTY;
    if (first.length >= size || this.#chunks.length === 1) return first.subarray(0, size);
    const out = new Uint8Array(Math.min(size, this.#buffered));
    let filled = 0;
    for (const chunk of this.#chunks) {
      const part = chunk.subarray(0, out.length - filled);
      out.set(part, filled);
      filled += part.length;
      if (filled === out.length) break;
    }
    return out;
  }

  /** Discards `size` pending bytes from the front (they have been copied or parsed). */
  #drop(size: number): void {
    let left = size;
    while (left > 0) {
      const chunk = this.#chunks[0]!;
      if (chunk.length <= left) {
        left -= chunk.length;
        this.#chunks.shift();
      } else {
        this.#chunks[0] = chunk.subarray(left);
        left = 0;
      }
    }
    this.#buffered -= size;
  }
}
