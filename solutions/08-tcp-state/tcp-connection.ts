/**
 * Exercise 08-tcp-state, part 2: the TCP connection state machine (reference solution).
 * See exercises/08-tcp-state/tcp-connection.ts for the contract.
 *
 * RFC 9293 §3.10 "Event Processing", step by step: the user calls (§3.10.1-3.10.5), SEGMENT
 * ARRIVES for CLOSED (§3.10.7.1), LISTEN (§3.10.7.2), SYN-SENT (§3.10.7.3) and the other
 * states (§3.10.7.4, with RFC 5961's reset and SYN checks), and the time-wait timeout
 * (§3.10.8). Each branch below names the step it implements.
 */
import { isAcceptable, segmentLength, seqAdd, seqLeq, seqLt } from './sequence.ts';

export type TcpState =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

export interface TcpSegment {
  readonly seq: number;
  /** Present exactly when the ACK bit is set. */
  readonly ack?: number;
  readonly syn?: boolean;
  readonly fin?: boolean;
  readonly rst?: boolean;
  /** Data octets carried (not counting SYN or FIN); 0 when absent. */
  readonly length?: number;
}

export type TcpEvent =
  | { readonly type: 'OPEN'; readonly mode: 'active' | 'passive' }
  | { readonly type: 'SEND'; readonly length: number }
  | { readonly type: 'CLOSE' }
  | { readonly type: 'ABORT' }
  | { readonly type: 'SEGMENT'; readonly segment: TcpSegment }
  | { readonly type: 'TIME-WAIT-TIMEOUT' };

export type TcpStateErrorCode = 'CONNECTION_EXISTS' | 'CONNECTION_DOES_NOT_EXIST' | 'CONNECTION_CLOSING' | 'NOT_ESTABLISHED' | 'NO_TIME_WAIT';

export class TcpStateError extends Error {
  readonly code: TcpStateErrorCode;

  constructor(code: TcpStateErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'TcpStateError';
  }
}

export interface SequenceVariables {
  readonly iss: number;
  readonly irs: number;
  readonly sndUna: number;
  readonly sndNxt: number;
  readonly rcvNxt: number;
  readonly rcvWnd: number;
}

export interface TcpConnectionOptions {
  /** Picks the initial send sequence number, each time one is needed (RFC 9293 §3.4.1). */
  readonly chooseIss: () => number;
  /** RCV.WND for the acceptability test; default 65535. */
  readonly receiveWindow?: number;
}

const SYNCHRONIZED_WITH_OPEN_SEND: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'CLOSE-WAIT']);
/** States whose FIN has not been received yet: they still take data (§3.10.7.4, seventh). */
const RECEIVING: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2']);

export class TcpConnection {
  readonly #chooseIss: () => number;
  readonly #rcvWnd: number;
  #state: TcpState = 'CLOSED';
  /** MUST-11: SYN-RECEIVED remembers whether it came from LISTEN. */
  #fromListen = false;
  #iss = 0;
  #irs = 0;
  #sndUna = 0;
  #sndNxt = 0;
  #rcvNxt = 0;
  #finSent = false;

  constructor(options: TcpConnectionOptions) {
    this.#chooseIss = options.chooseIss;
    this.#rcvWnd = options.receiveWindow ?? 65535;
  }

  get state(): TcpState {
    return this.#state;
  }

  get variables(): SequenceVariables {
    return { iss: this.#iss, irs: this.#irs, sndUna: this.#sndUna, sndNxt: this.#sndNxt, rcvNxt: this.#rcvNxt, rcvWnd: this.#rcvWnd };
  }

  handle(event: TcpEvent): TcpSegment[] {
    switch (event.type) {
      case 'OPEN': return this.#open(event.mode);
      case 'SEND': return this.#send(event.length);
      case 'CLOSE': return this.#close();
      case 'ABORT': return this.#abort();
      case 'SEGMENT': return this.#segmentArrives(event.segment);
      case 'TIME-WAIT-TIMEOUT': return this.#timeWaitTimeout();
    }
  }

  // --- user calls -------------------------------------------------------------------------

  /** §3.10.1 */
  #open(mode: 'active' | 'passive'): TcpSegment[] {
    if (this.#state === 'CLOSED' && mode === 'passive') {
      this.#state = 'LISTEN';
      return [];
    }
    // From LISTEN an active OPEN changes the connection "from passive to active".
    if (this.#state === 'CLOSED' || (this.#state === 'LISTEN' && mode === 'active')) {
      this.#iss = this.#chooseIss() >>> 0;
      this.#sndUna = this.#iss;
      this.#sndNxt = seqAdd(this.#iss, 1);
      this.#fromListen = false;
      this.#state = 'SYN-SENT';
      return [{ seq: this.#iss, syn: true }];
    }
    throw new TcpStateError('CONNECTION_EXISTS', `tcp: OPEN in ${this.#state}: connection already exists`);
  }

  /** §3.10.2, without queues: data is sent at once, and only once the connection is established. */
  #send(length: number): TcpSegment[] {
    if (!Number.isInteger(length) || length <= 0) throw new RangeError(`tcp: SEND needs a positive whole number of octets, got ${length}`);
    if (this.#state === 'CLOSED') throw new TcpStateError('CONNECTION_DOES_NOT_EXIST', 'tcp: SEND in CLOSED: connection does not exist');
    if (this.#state === 'LISTEN' || this.#state === 'SYN-SENT' || this.#state === 'SYN-RECEIVED') {
      throw new TcpStateError('NOT_ESTABLISHED', `tcp: SEND in ${this.#state}: this model sends data only once established`);
    }
    if (!SYNCHRONIZED_WITH_OPEN_SEND.has(this.#state)) throw new TcpStateError('CONNECTION_CLOSING', `tcp: SEND in ${this.#state}: connection closing`);
    const segment = { seq: this.#sndNxt, ack: this.#rcvNxt, length };
    this.#sndNxt = seqAdd(this.#sndNxt, length);
    return [segment];
  }

  /** §3.10.4 */
  #close(): TcpSegment[] {
    switch (this.#state) {
      case 'CLOSED':
        throw new TcpStateError('CONNECTION_DOES_NOT_EXIST', 'tcp: CLOSE in CLOSED: connection does not exist');
      case 'LISTEN':
      case 'SYN-SENT':
        return this.#deleteTcb();
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
        return this.#sendFin('FIN-WAIT-1');
      case 'CLOSE-WAIT':
        return this.#sendFin('LAST-ACK');
      default:
        // FIN-WAIT-1 and -2 may answer "ok" instead, as long as no second FIN goes out.
        throw new TcpStateError('CONNECTION_CLOSING', `tcp: CLOSE in ${this.#state}: connection closing`);
    }
  }

  /** §3.10.5 */
  #abort(): TcpSegment[] {
    switch (this.#state) {
      case 'CLOSED':
        throw new TcpStateError('CONNECTION_DOES_NOT_EXIST', 'tcp: ABORT in CLOSED: connection does not exist');
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSE-WAIT': {
        const reset = { seq: this.#sndNxt, rst: true };
        this.#deleteTcb();
        return [reset];
      }
      default:
        return this.#deleteTcb();
    }
  }

  /** §3.10.8 */
  #timeWaitTimeout(): TcpSegment[] {
    if (this.#state !== 'TIME-WAIT') throw new TcpStateError('NO_TIME_WAIT', `tcp: the time-wait timer does not run in ${this.#state}`);
    return this.#deleteTcb();
  }

  #sendFin(next: TcpState): TcpSegment[] {
    const fin = { seq: this.#sndNxt, ack: this.#rcvNxt, fin: true };
    this.#sndNxt = seqAdd(this.#sndNxt, 1);
    this.#finSent = true;
    this.#state = next;
    return [fin];
  }

  #deleteTcb(state: TcpState = 'CLOSED'): TcpSegment[] {
    this.#state = state;
    this.#iss = this.#irs = this.#sndUna = this.#sndNxt = this.#rcvNxt = 0;
    this.#finSent = false;
    this.#fromListen = state === 'LISTEN';
    return [];
  }

  #ackSegment(): TcpSegment {
    return { seq: this.#sndNxt, ack: this.#rcvNxt };
  }

  #ourFinAcked(): boolean {
    return this.#finSent && this.#sndUna === this.#sndNxt;
  }

  // --- SEGMENT ARRIVES ----------------------------------------------------------------------

  #segmentArrives(segment: TcpSegment): TcpSegment[] {
    switch (this.#state) {
      case 'CLOSED': return this.#inClosed(segment);
      case 'LISTEN': return this.#inListen(segment);
      case 'SYN-SENT': return this.#inSynSent(segment);
      default: return this.#inOtherStates(segment);
    }
  }

  /** §3.10.7.1: a reset for anything but a reset, made acceptable to whoever sent it. */
  #inClosed(segment: TcpSegment): TcpSegment[] {
    if (segment.rst) return [];
    if (segment.ack === undefined) return [{ seq: 0, ack: seqAdd(segment.seq, segmentLength(segment)), rst: true }];
    return [{ seq: segment.ack, rst: true }];
  }

  /** §3.10.7.2 */
  #inListen(segment: TcpSegment): TcpSegment[] {
    if (segment.rst) return [];
    if (segment.ack !== undefined) return [{ seq: segment.ack, rst: true }];
    if (!segment.syn) return [];
    // Data or FIN on the SYN would be queued for later; this model drops them.
    this.#irs = segment.seq;
    this.#rcvNxt = seqAdd(segment.seq, 1);
    this.#iss = this.#chooseIss() >>> 0;
    this.#sndUna = this.#iss;
    this.#sndNxt = seqAdd(this.#iss, 1);
    this.#fromListen = true;
    this.#state = 'SYN-RECEIVED';
    return [{ seq: this.#iss, ack: this.#rcvNxt, syn: true }];
  }

  /** §3.10.7.3 */
  #inSynSent(segment: TcpSegment): TcpSegment[] {
    // First, the ACK bit: it must acknowledge our SYN and nothing more.
    if (segment.ack !== undefined && (seqLeq(segment.ack, this.#iss) || seqLt(this.#sndNxt, segment.ack))) {
      return segment.rst ? [] : [{ seq: segment.ack, rst: true }];
    }
    // Second, the RST bit: believed only with an acceptable ACK.
    if (segment.rst) return segment.ack === undefined ? [] : this.#deleteTcb();
    // Fourth, the SYN bit (fifth: neither SYN nor RST, drop).
    if (!segment.syn) return [];
    this.#irs = segment.seq;
    this.#rcvNxt = seqAdd(segment.seq, 1);
    if (segment.ack !== undefined) this.#sndUna = segment.ack;
    if (seqLt(this.#iss, this.#sndUna)) {
      this.#state = 'ESTABLISHED';
      // "continue processing at the sixth step": data and FIN that came with the SYN,ACK.
      this.#receiveTextAndFin({ ...segment, seq: this.#rcvNxt, syn: false });
      return [this.#ackSegment()];
    }
    // Simultaneous open (Figure 7): our SYN crossed theirs.
    this.#state = 'SYN-RECEIVED';
    return [{ seq: this.#iss, ack: this.#rcvNxt, syn: true }];
  }

  /** §3.10.7.4: SYN-RECEIVED and the synchronized states. */
  #inOtherStates(arrived: TcpSegment): TcpSegment[] {
    let segment = arrived;
    // Figure 7, line 6: in a simultaneous open the peer's SYN,ACK repeats the SYN already
    // received. That SYN lies before RCV.NXT and is trimmed off ("including SYN and FIN"),
    // leaving its ACK to be processed. Linux does the same (tcp_validate_incoming).
    if (this.#state === 'SYN-RECEIVED' && segment.syn && segment.ack !== undefined && segment.seq === this.#irs) {
      segment = { ...segment, syn: false, seq: seqAdd(segment.seq, 1) };
    }

    // First: the sequence number.
    if (!isAcceptable(segment, this.#rcvNxt, this.#rcvWnd)) return segment.rst ? [] : [this.#ackSegment()];

    // Second: the RST bit, RFC 5961 §3.2: exactly RCV.NXT resets, elsewhere in the window gets a challenge ACK.
    if (segment.rst) {
      if (segment.seq !== this.#rcvNxt) return [this.#ackSegment()];
      // A SYN-RECEIVED that came from LISTEN goes back to listening; anything else is gone.
      return this.#deleteTcb(this.#state === 'SYN-RECEIVED' && this.#fromListen ? 'LISTEN' : 'CLOSED');
    }

    // Trim what lies before RCV.NXT (a retransmission overlapping new data): the SYN first, then data.
    if (seqLt(segment.seq, this.#rcvNxt)) {
      let old = (this.#rcvNxt - segment.seq) >>> 0;
      const syn = segment.syn === true && old > 0;
      if (syn) old--;
      segment = { ...segment, syn: segment.syn && !syn, seq: this.#rcvNxt, length: Math.max(0, (segment.length ?? 0) - old) };
    }

    // Fourth: the SYN bit.
    if (segment.syn) {
      if (this.#state === 'SYN-RECEIVED' && this.#fromListen) return this.#deleteTcb('LISTEN');
      return [this.#ackSegment()]; // RFC 5961 §4.2: challenge ACK
    }

    // A segment starting beyond RCV.NXT should wait for the gap (SHLD-31); with no queue here,
    // acknowledge what we have and let the peer send it again.
    if (segment.seq !== this.#rcvNxt) return [this.#ackSegment()];

    // Fifth: the ACK field.
    if (segment.ack === undefined) return [];
    if (this.#state === 'SYN-RECEIVED') {
      if (!(seqLt(this.#sndUna, segment.ack) && seqLeq(segment.ack, this.#sndNxt))) return [{ seq: segment.ack, rst: true }];
      this.#state = 'ESTABLISHED';
    }
    if (seqLt(this.#sndNxt, segment.ack)) return [this.#ackSegment()]; // acknowledges something not yet sent
    if (seqLt(this.#sndUna, segment.ack)) this.#sndUna = segment.ack; // else a duplicate: ignore
    if (this.#state === 'FIN-WAIT-1' && this.#ourFinAcked()) this.#state = 'FIN-WAIT-2';
    if (this.#state === 'CLOSING') {
      if (!this.#ourFinAcked()) return [];
      this.#state = 'TIME-WAIT';
    }
    if (this.#state === 'LAST-ACK' && this.#ourFinAcked()) return this.#deleteTcb();

    // Seventh and eighth: the text and the FIN.
    return this.#receiveTextAndFin(segment) ? [this.#ackSegment()] : [];
  }

  /** §3.10.7.4 seventh and eighth steps, for a segment that starts at RCV.NXT. True when it needs an ACK. */
  #receiveTextAndFin(segment: TcpSegment): boolean {
    let acknowledge = false;
    const length = segment.length ?? 0;
    if (length > 0 && RECEIVING.has(this.#state)) {
      this.#rcvNxt = seqAdd(this.#rcvNxt, length);
      acknowledge = true;
    }
    if (segment.fin) {
      this.#rcvNxt = seqAdd(this.#rcvNxt, 1);
      acknowledge = true;
      if (this.#state === 'ESTABLISHED') this.#state = 'CLOSE-WAIT';
      // FIN-WAIT-1 "with our FIN ACKed (perhaps in this segment)" was already moved to
      // FIN-WAIT-2 by the ACK step, so it ends in TIME-WAIT on the next line.
      else if (this.#state === 'FIN-WAIT-1') this.#state = 'CLOSING';
      else if (this.#state === 'FIN-WAIT-2') this.#state = 'TIME-WAIT';
      // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: remain (TIME-WAIT would restart its 2 MSL timer).
    }
    return acknowledge;
  }
}
