/**
 * Handshake message reassembly (RFC 6347 §4.2.2, §4.2.3).
 *
 * Fragments may arrive in any order, overlap, repeat, and belong to messages
 * ahead of the one expected next. The reassembler buffers them and hands out
 * complete messages strictly in message_seq order:
 *
 *   for (const fragment of parseHandshakeFragments(plaintext)) {
 *     if (reassembler.push(fragment) === 'old') sawRetransmission = true;   // §4.2.4
 *   }
 *   for (let message; (message = reassembler.pop()); ) handle(message);
 *
 * Memory is bounded: messages are buffered only within `maxMessagesAhead` of the
 * next expected message_seq, each at most `maxMessageLength` bytes with at most
 * `MAX_RANGES_PER_MESSAGE` gaps, and at most `maxBufferedBytes` in all. Fragments beyond those limits are dropped (DTLS lets a
 * receiver discard future messages, §4.2.2); a message longer than
 * `maxMessageLength` throws, since it can never be accepted.
 */
import { DtlsError } from '../errors.ts';
import type { HandshakeFragment, HandshakeMessage } from './handshake-header.ts';

export interface ReassemblerOptions {
  /** message_seq of the first message to deliver (0 for a new handshake). */
  readonly nextMessageSeq?: number;
  /** Longest message body accepted (default 64 KiB: a certificate chain fits easily). */
  readonly maxMessageLength?: number;
  /** How far past the next expected message_seq to buffer (default 16). */
  readonly maxMessagesAhead?: number;
  /** Total body bytes buffered across messages (default 256 KiB). */
  readonly maxBufferedBytes?: number;
}

/**
 * What `push` did with a fragment:
 * - `buffered`: kept (the message may now be complete: call `pop`);
 * - `duplicate`: added nothing new to a message still being assembled;
 * - `old`: its message was already delivered — the peer is retransmitting (RFC 6347 §4.2.4);
 * - `dropped`: beyond the look-ahead window or the memory budget.
 */
export type PushResult = 'buffered' | 'duplicate' | 'old' | 'dropped';

interface PendingMessage {
  readonly msgType: number;
  readonly body: Uint8Array;
  /** Received byte ranges [start, end), sorted and merged. */
  ranges: [number, number][];
}

export const DEFAULT_MAX_MESSAGE_LENGTH = 64 * 1024;
export const DEFAULT_MAX_MESSAGES_AHEAD = 16;
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024;
/** Disjoint received ranges kept per message: ample for real fragment sizes, and it keeps each insertion cheap. */
export const MAX_RANGES_PER_MESSAGE = 256;

export class HandshakeReassembler {
  readonly #maxMessageLength: number;
  readonly #maxMessagesAhead: number;
  readonly #maxBufferedBytes: number;
  readonly #pending = new Map<number, PendingMessage>();
  #nextMessageSeq: number;
  #bufferedBytes = 0;

  constructor(options: ReassemblerOptions = {}) {
    this.#nextMessageSeq = options.nextMessageSeq ?? 0;
    this.#maxMessageLength = options.maxMessageLength ?? DEFAULT_MAX_MESSAGE_LENGTH;
    this.#maxMessagesAhead = options.maxMessagesAhead ?? DEFAULT_MAX_MESSAGES_AHEAD;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  }

  /** The message_seq `pop` delivers next. */
  get nextMessageSeq(): number {
    return this.#nextMessageSeq;
  }

  /** Body bytes currently held for incomplete or undelivered messages. */
  get bufferedBytes(): number {
    return this.#bufferedBytes;
  }

  /**
   * Adds one fragment. Throws BAD_FRAGMENT if it overruns its message length,
   * MESSAGE_TOO_LARGE for a message over `maxMessageLength`, and FRAGMENT_MISMATCH
   * if it disagrees with earlier fragments of the same message_seq on msg_type or length.
   */
  push(fragment: HandshakeFragment): PushResult {
    const { messageSeq, length, fragmentOffset } = fragment;
    const end = fragmentOffset + fragment.fragment.length;
    if (end > length) {
      throw new DtlsError('BAD_FRAGMENT', `dtls: handshake fragment ${fragmentOffset}+${fragment.fragment.length} exceeds message length ${length}`);
    }
    if (messageSeq < this.#nextMessageSeq) return 'old';
    if (messageSeq >= this.#nextMessageSeq + this.#maxMessagesAhead) return 'dropped';
    if (length > this.#maxMessageLength) {
      throw new DtlsError('MESSAGE_TOO_LARGE', `dtls: handshake message of ${length} bytes > ${this.#maxMessageLength} (message_seq ${messageSeq})`);
    }
    let message = this.#pending.get(messageSeq);
    if (message === undefined) {
      if (this.#bufferedBytes + length > this.#maxBufferedBytes) return 'dropped';
      message = { msgType: fragment.msgType, body: new Uint8Array(length), ranges: [] };
      this.#pending.set(messageSeq, message);
      this.#bufferedBytes += length;
    } else if (message.msgType !== fragment.msgType || message.body.length !== length) {
      throw new DtlsError(
        'FRAGMENT_MISMATCH',
        `dtls: message_seq ${messageSeq} fragment says type ${fragment.msgType} length ${length}, earlier ones type ${message.msgType} length ${message.body.length}`,
      );
    }
    // An empty fragment adds nothing, except that it is the whole of a zero-length message.
    if ((end === fragmentOffset && length > 0) || isCovered(message.ranges, fragmentOffset, end)) return 'duplicate';
    const ranges = addRange(message.ranges, fragmentOffset, end);
    // Many tiny disjoint fragments would make every insertion slower (and are never legitimate).
    if (ranges.length > MAX_RANGES_PER_MESSAGE) return 'dropped';
    message.body.set(fragment.fragment, fragmentOffset);
    message.ranges = ranges;
    return 'buffered';
  }

  /** The next message in message_seq order if it is complete, else undefined. */
  pop(): HandshakeMessage | undefined {
    const messageSeq = this.#nextMessageSeq;
    const message = this.#pending.get(messageSeq);
    if (message === undefined || !isComplete(message)) return undefined;
    this.#pending.delete(messageSeq);
    this.#bufferedBytes -= message.body.length;
    this.#nextMessageSeq++;
    return { msgType: message.msgType, messageSeq, body: message.body };
  }

  /** Drops everything buffered and expects `nextMessageSeq` next (e.g. a new handshake). */
  reset(nextMessageSeq = 0): void {
    this.#pending.clear();
    this.#bufferedBytes = 0;
    this.#nextMessageSeq = nextMessageSeq;
  }
}

function isComplete(message: PendingMessage): boolean {
  const [first] = message.ranges;
  if (message.body.length === 0) return message.ranges.length > 0;
  return message.ranges.length === 1 && first !== undefined && first[0] === 0 && first[1] === message.body.length;
}

/** True if [start, end) lies inside one received range. */
function isCovered(ranges: readonly [number, number][], start: number, end: number): boolean {
  return ranges.some(([from, to]) => from <= start && end <= to);
}

/** `ranges` plus [start, end), merging overlapping and touching ranges. */
function addRange(ranges: readonly [number, number][], start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let merged: [number, number] = [start, end];
  let placed = false;
  for (const range of ranges) {
    if (range[1] < merged[0]) {
      out.push(range);
    } else if (merged[1] < range[0]) {
      if (!placed) {
        out.push(merged);
        placed = true;
      }
      out.push(range);
    } else {
      merged = [Math.min(range[0], merged[0]), Math.max(range[1], merged[1])];
    }
  }
  if (!placed) out.push(merged);
  return out;
}
