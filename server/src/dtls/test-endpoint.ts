/**
 * A scripted DTLS endpoint for tests: the record-level plumbing a state machine
 * would own (epochs, sequence numbers, replay windows, fragmentation, datagram
 * packing, reassembly), with none of its decisions. The tests drive the handshake
 * step by step with it, which shows the building blocks compose. Used only by *.test.ts.
 */
import { parseChangeCipherSpec, serializeChangeCipherSpec } from './messages/change-cipher-spec.ts';
import { fragmentHandshakeMessage, maxFragmentLength } from './messages/fragmentation.ts';
import { type HandshakeBody, toHandshakeMessage } from './messages/handshake-body.ts';
import { type HandshakeMessage, parseHandshakeFragments, serializeHandshakeFragment } from './messages/handshake-header.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { ProtocolVersion } from './protocol-version.ts';
import { ContentType } from './record/content-type.ts';
import { DEFAULT_MAX_DATAGRAM_SIZE, packDatagrams } from './record/datagram.ts';
import type { RecordProtection } from './record/protection.ts';
import { parseRecords, serializeRecord } from './record/record.ts';
import { ReplayWindow } from './record/replay-window.ts';

export interface Received {
  readonly messages: HandshakeMessage[];
  readonly changeCipherSpec: boolean;
  readonly applicationData: Uint8Array[];
  readonly alerts: Uint8Array[];
}

export class TestEndpoint {
  readonly reassembler: HandshakeReassembler;
  #messageSeq: number;
  #writeEpoch = 0;
  readonly #writeSequence = [0, 0];
  #readEpoch = 0;
  readonly #replay = [new ReplayWindow(), new ReplayWindow()];
  #writeProtection: RecordProtection | undefined;
  #readProtection: RecordProtection | undefined;
  #pendingReadProtection: RecordProtection | undefined;
  /** Record version for epoch-0 records (DTLS 1.0 for a first ClientHello, RFC 6347 §4.2.1). */
  recordVersion: number = ProtocolVersion.DTLS_1_2;

  constructor(options: { firstMessageSeq?: number } = {}) {
    this.#messageSeq = options.firstMessageSeq ?? 0;
    this.reassembler = new HandshakeReassembler({ nextMessageSeq: options.firstMessageSeq ?? 0 });
  }

  /** Turns bodies into the next handshake messages (returned, for the transcript) and their records. */
  handshake(bodies: readonly HandshakeBody[]): { messages: HandshakeMessage[]; records: Uint8Array[] } {
    const messages = bodies.map((body) => toHandshakeMessage(body, this.#messageSeq++));
    const overhead = this.#writeProtection?.overhead ?? 0;
    const records = messages.flatMap((message) =>
      fragmentHandshakeMessage(message, maxFragmentLength({ maxDatagramSize: DEFAULT_MAX_DATAGRAM_SIZE, protectionOverhead: overhead })).map((fragment) =>
        this.#record(ContentType.Handshake, serializeHandshakeFragment(fragment)),
      ),
    );
    return { messages, records };
  }

  /** A ChangeCipherSpec record; later records go out in the next epoch under `protection`. */
  changeCipherSpec(protection: RecordProtection): Uint8Array {
    const record = this.#record(ContentType.ChangeCipherSpec, serializeChangeCipherSpec());
    this.#writeEpoch++;
    this.#writeProtection = protection;
    return record;
  }

  /** Switches reading to the next epoch now (after a ChangeCipherSpec that arrived before the keys were known). */
  expectEpoch(protection: RecordProtection): void {
    this.#readEpoch++;
    this.#readProtection = protection;
    this.#pendingReadProtection = undefined;
  }

  /** Switches reading to the next epoch as soon as the peer's ChangeCipherSpec arrives (keys already known). */
  armNextEpoch(protection: RecordProtection): void {
    this.#pendingReadProtection = protection;
  }

  applicationData(data: Uint8Array): Uint8Array {
    return this.#record(ContentType.ApplicationData, data);
  }

  static datagrams(records: readonly Uint8Array[]): Uint8Array[] {
    return packDatagrams(records, DEFAULT_MAX_DATAGRAM_SIZE);
  }

  /**
   * Processes datagrams: drops replays and records of other epochs (a real state
   * machine would buffer early next-epoch records; a test can receive the datagram
   * again after `expectEpoch`, and the replay window drops what was already read),
   * opens protected records, reassembles handshake messages.
   */
  receive(datagrams: readonly Uint8Array[]): Received {
    const received = { messages: [] as HandshakeMessage[], changeCipherSpec: false, applicationData: [] as Uint8Array[], alerts: [] as Uint8Array[] };
    for (const datagram of datagrams) {
      for (const record of parseRecords(datagram)) {
        const window = this.#replay[record.epoch];
        if (record.epoch !== this.#readEpoch || window === undefined || !window.isFresh(record.sequenceNumber)) continue;
        const plaintext = record.epoch === 0 ? record.fragment : this.#readProtection!.open(record);
        window.accept(record.sequenceNumber);
        if (record.contentType === ContentType.Handshake) {
          for (const fragment of parseHandshakeFragments(plaintext)) this.reassembler.push(fragment);
        } else if (record.contentType === ContentType.ChangeCipherSpec) {
          parseChangeCipherSpec(plaintext);
          received.changeCipherSpec = true;
          if (this.#pendingReadProtection !== undefined) this.expectEpoch(this.#pendingReadProtection);
        } else if (record.contentType === ContentType.ApplicationData) {
          received.applicationData.push(plaintext);
        } else {
          received.alerts.push(plaintext);
        }
      }
      for (let message = this.reassembler.pop(); message !== undefined; message = this.reassembler.pop()) received.messages.push(message);
    }
    return received;
  }

  #record(contentType: number, plaintext: Uint8Array): Uint8Array {
    const header = {
      contentType,
      version: this.#writeEpoch === 0 ? this.recordVersion : ProtocolVersion.DTLS_1_2,
      epoch: this.#writeEpoch,
      sequenceNumber: this.#writeSequence[this.#writeEpoch]!++,
    };
    const record = this.#writeProtection === undefined ? { ...header, fragment: plaintext } : this.#writeProtection.seal(header, plaintext);
    return serializeRecord(record);
  }
}
