/**
 * A connection's record layer (RFC 6347 §4.1): epochs, sequence numbers,
 * anti-replay, and the AEAD protection of each direction.
 *
 * - Write side: each epoch has its own 48-bit sequence counter (§4.1), so a
 *   flight that spans a ChangeCipherSpec (CCS in epoch 0, Finished in epoch 1)
 *   can be sent again later with fresh sequence numbers in both epochs.
 * - Read side: each epoch has its own ReplayWindow (§4.1.2.6). The next epoch's
 *   keys are armed by the handshake once every message that must come before the
 *   peer's ChangeCipherSpec has arrived; the CCS then switches epochs.
 * - Records of the next epoch that arrive before the CCS (reordering, or a lost
 *   CCS) are kept, a bounded number of them, and opened after the switch
 *   (§4.1: "implementations SHOULD ... buffer ... for the next epoch").
 * - Records of an older epoch are opened too, for one purpose only: spotting a
 *   retransmission of the peer's previous flight (§4.2.4).
 * - Bad records are reported as dropped, never thrown (§4.1.2.7).
 */
import { DtlsError } from './errors.ts';
import { RecordProtection } from './record/protection.ts';
import { type DtlsRecord, MAX_PLAINTEXT_LENGTH, MAX_SEQUENCE_NUMBER, serializeRecord } from './record/record.ts';
import { ReplayWindow } from './record/replay-window.ts';
import type { DropReason } from './stats.ts';

/** How many next-epoch records to hold until the ChangeCipherSpec (Chromium sends CCS and Finished together: 1 is typical). */
export const DEFAULT_MAX_EARLY_RECORDS = 32;

export type OpenedRecord =
  /** A record of the current read epoch, authenticated and fresh. */
  | { readonly kind: 'current'; readonly record: DtlsRecord; readonly plaintext: Uint8Array }
  /** A fresh record of an older epoch: only good for spotting retransmissions. */
  | { readonly kind: 'previous'; readonly record: DtlsRecord; readonly plaintext: Uint8Array }
  /** A next-epoch record kept until the ChangeCipherSpec. */
  | { readonly kind: 'buffered' }
  | { readonly kind: 'dropped'; readonly reason: DropReason };

interface WriteEpoch {
  nextSequence: number;
  readonly protection: RecordProtection | undefined;
}

interface ReadEpoch {
  readonly protection: RecordProtection | undefined;
  readonly replay: ReplayWindow;
}

export class RecordLayer {
  readonly #write: WriteEpoch[] = [{ nextSequence: 0, protection: undefined }];
  readonly #read: ReadEpoch[] = [{ protection: undefined, replay: new ReplayWindow() }];
  #nextReadProtection: RecordProtection | undefined;
  #early: DtlsRecord[] = [];
  readonly #maxEarlyRecords: number;

  constructor(options: { maxEarlyRecords?: number } = {}) {
    this.#maxEarlyRecords = options.maxEarlyRecords ?? DEFAULT_MAX_EARLY_RECORDS;
  }

  /** The epoch of what we send now (alerts, application data). */
  get writeEpoch(): number {
    return this.#write.length - 1;
  }

  get readEpoch(): number {
    return this.#read.length - 1;
  }

  /** Bytes the protection of `epoch` adds to a record (0 in epoch 0). */
  overhead(epoch: number): number {
    return this.#writeState(epoch).protection?.overhead ?? 0;
  }

  /** Starts the next write epoch with `protection` (after our ChangeCipherSpec); returns its number. */
  startWriteEpoch(protection: RecordProtection): number {
    this.#write.push({ nextSequence: 0, protection });
    return this.writeEpoch;
  }

  /**
   * One serialized record of `epoch`, protected if the epoch has keys, with that
   * epoch's next sequence number, or with `sequenceNumber` when the protocol fixes
   * it (the HelloVerifyRequest echoes the ClientHello's, RFC 6347 §4.2.1).
   * Throws SEQUENCE_NUMBER_EXHAUSTED rather than wrap (§4.1).
   */
  seal(epoch: number, contentType: number, version: number, plaintext: Uint8Array, sequenceNumber?: number): Uint8Array {
    const state = this.#writeState(epoch);
    const sequence = sequenceNumber ?? state.nextSequence;
    if (sequence > MAX_SEQUENCE_NUMBER) {
      throw new DtlsError('SEQUENCE_NUMBER_EXHAUSTED', `dtls: epoch ${epoch} has used all 2^48 sequence numbers`);
    }
    state.nextSequence = Math.max(state.nextSequence, sequence + 1);
    const header = { contentType, version, epoch, sequenceNumber: sequence };
    return serializeRecord(state.protection === undefined ? { ...header, fragment: plaintext } : state.protection.seal(header, plaintext));
  }

  /** The peer's keys for the next epoch: its ChangeCipherSpec may now switch to them. */
  expectNextReadEpoch(protection: RecordProtection): void {
    this.#nextReadProtection = protection;
  }

  /**
   * On the peer's ChangeCipherSpec: moves to the next read epoch and returns true,
   * or returns false if its keys are not armed yet (the CCS came before messages
   * that must precede it; the peer will send the whole flight again).
   */
  switchReadEpoch(): boolean {
    const protection = this.#nextReadProtection;
    if (protection === undefined) return false;
    this.#nextReadProtection = undefined;
    this.#read.push({ protection, replay: new ReplayWindow() });
    return true;
  }

  /** The next-epoch records buffered before the switch, now of the current epoch: open them. */
  takeEarlyRecords(): DtlsRecord[] {
    const early = this.#early;
    this.#early = [];
    return early;
  }

  /** Checks the replay window, decrypts and authenticates one record (RFC 6347 §4.1.2.6, §4.1.2.7). */
  open(record: DtlsRecord): OpenedRecord {
    if (record.epoch === this.readEpoch + 1) {
      if (this.#early.length >= this.#maxEarlyRecords) return { kind: 'dropped', reason: 'earlyRecordsFull' };
      this.#early.push(record);
      return { kind: 'buffered' };
    }
    const epoch = this.#read[record.epoch];
    if (epoch === undefined) return { kind: 'dropped', reason: 'unexpectedEpoch' };
    // The window is checked before decrypting and updated only after authentication (§4.1.2.6).
    if (!epoch.replay.isFresh(record.sequenceNumber)) return { kind: 'dropped', reason: 'replayed' };
    let plaintext: Uint8Array;
    if (epoch.protection === undefined) {
      if (record.fragment.length > MAX_PLAINTEXT_LENGTH) return { kind: 'dropped', reason: 'malformed' };
      plaintext = record.fragment;
    } else {
      try {
        plaintext = epoch.protection.open(record);
      } catch (error) {
        if (error instanceof DtlsError) return { kind: 'dropped', reason: 'undecryptable' };
        throw error;
      }
    }
    epoch.replay.accept(record.sequenceNumber);
    return { kind: record.epoch === this.readEpoch ? 'current' : 'previous', record, plaintext };
  }

  #writeState(epoch: number): WriteEpoch {
    const state = this.#write[epoch];
    if (state === undefined) throw new RangeError(`dtls: no write keys for epoch ${epoch}`);
    return state;
  }
}
