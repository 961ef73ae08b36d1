/**
 * Exercise 08-tcp-state, part 2: one TCP connection's state machine, RFC 9293 §3.10 "Event
 * Processing", driven by events and answering with the segments to send. No sockets, no timers,
 * no data buffers: only states and sequence numbers.
 *
 *   new TcpConnection({ chooseIss: () => 100 })   chooseIss() picks an ISS each time one is needed
 *   connection.handle(event): TcpSegment[]         the segments to send, in order (often none)
 *   connection.state                              'CLOSED' at first
 *   connection.variables                          { iss, irs, sndUna, sndNxt, rcvNxt, rcvWnd }
 *
 * A segment is { seq, ack?, syn?, fin?, rst?, length? }: `ack` is present exactly when the ACK bit
 * is set, `length` counts data octets. Segments you return carry only what is set: no `false`
 * flags, no `length: 0`, no `ack` unless ACK is set, so tests compare them with toEqual. The
 * receive window RCV.WND is options.receiveWindow, default 65535, and never changes.
 *
 * Events and what to do (RFC 9293 section, state, action, next state):
 *
 * OPEN (§3.10.1), mode 'passive' | 'active':
 *   CLOSED passive: -> LISTEN.  CLOSED active, or LISTEN active: ISS = chooseIss(),
 *   SND.UNA = ISS, SND.NXT = ISS + 1, send <SEQ=ISS><CTL=SYN>, -> SYN-SENT.
 *   Anything else: TcpStateError CONNECTION_EXISTS.
 * SEND (§3.10.2), length > 0 (RangeError otherwise): ESTABLISHED, CLOSE-WAIT: send
 *   <SEQ=SND.NXT><ACK=RCV.NXT> with `length` data octets, SND.NXT += length. CLOSED:
 *   CONNECTION_DOES_NOT_EXIST. LISTEN, SYN-SENT, SYN-RECEIVED: NOT_ESTABLISHED (a real TCP
 *   queues the data; this one does not). Any other state: CONNECTION_CLOSING.
 * CLOSE (§3.10.4): CLOSED: CONNECTION_DOES_NOT_EXIST. LISTEN, SYN-SENT: -> CLOSED.
 *   SYN-RECEIVED, ESTABLISHED: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>, SND.NXT += 1,
 *   -> FIN-WAIT-1. CLOSE-WAIT: the same FIN, -> LAST-ACK. Any other state: CONNECTION_CLOSING.
 * ABORT (§3.10.5): CLOSED: CONNECTION_DOES_NOT_EXIST. SYN-RECEIVED, ESTABLISHED, FIN-WAIT-1,
 *   FIN-WAIT-2, CLOSE-WAIT: send <SEQ=SND.NXT><CTL=RST>, -> CLOSED. Others: -> CLOSED.
 * TIME-WAIT-TIMEOUT (§3.10.8, the 2 MSL timer): TIME-WAIT -> CLOSED; elsewhere NO_TIME_WAIT.
 * Every TcpStateError leaves the connection as it was. Entering CLOSED forgets the variables.
 *
 * SEGMENT (§3.10.7), by state:
 *   CLOSED: a RST is ignored. Without ACK send <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, with ACK
 *     send <SEQ=SEG.ACK><CTL=RST>.
 *   LISTEN: ignore a RST; with ACK send <SEQ=SEG.ACK><CTL=RST>; with SYN: IRS = SEG.SEQ,
 *     RCV.NXT = SEG.SEQ + 1, ISS = chooseIss(), SND.UNA = ISS, SND.NXT = ISS + 1, send
 *     <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, -> SYN-RECEIVED (remember it came from LISTEN);
 *     anything else: ignore.
 *   SYN-SENT: (1) with ACK =< ISS or > SND.NXT: send <SEQ=SEG.ACK><CTL=RST> (nothing if the
 *     segment has RST) and stop. (2) RST: with an ACK (acceptable by now) -> CLOSED, without
 *     one ignore it. (3) SYN: IRS = SEG.SEQ, RCV.NXT = SEG.SEQ + 1, SND.UNA = SEG.ACK if ACK.
 *     If SND.UNA > ISS (our SYN is acknowledged): -> ESTABLISHED, take any data and FIN the
 *     segment carries as in steps 7-8 below, and send one <SEQ=SND.NXT><ACK=RCV.NXT>.
 *     Otherwise (simultaneous open): send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, -> SYN-RECEIVED.
 *     (4) neither SYN nor RST: ignore.
 *   Every other state, in this order; "ACK" below means send <SEQ=SND.NXT><ACK=RCV.NXT>:
 *     0. Simultaneous open (Figure 7, line 6): in SYN-RECEIVED, a segment with SYN and ACK whose
 *        SEG.SEQ is IRS repeats the SYN already received: drop its SYN and add 1 to its SEG.SEQ.
 *     1. Not acceptable (isAcceptable with RCV.NXT, RCV.WND): ACK, unless it has RST; stop.
 *     2. RST (RFC 5961): SEG.SEQ other than RCV.NXT: ACK (a "challenge ACK") and stop. Exactly
 *        RCV.NXT: SYN-RECEIVED that came from LISTEN -> LISTEN; every other state -> CLOSED.
 *     3. Starts before RCV.NXT: trim the old part off the front (the SYN first, then data), so
 *        it starts at RCV.NXT.
 *     4. SYN still set: SYN-RECEIVED that came from LISTEN -> LISTEN; otherwise ACK; stop.
 *     5. Starts after RCV.NXT (a gap before it): ACK and stop (no reassembly queue here).
 *     6. The ACK field. No ACK: stop. SYN-RECEIVED: SND.UNA < SEG.ACK =< SND.NXT -> ESTABLISHED,
 *        else send <SEQ=SEG.ACK><CTL=RST> and stop. Then, in any state: SEG.ACK > SND.NXT: ACK
 *        and stop; SEG.ACK > SND.UNA: SND.UNA = SEG.ACK (otherwise a duplicate, ignored).
 *        "Our FIN is acknowledged" means we sent a FIN and SND.UNA = SND.NXT.
 *        FIN-WAIT-1 with our FIN acknowledged -> FIN-WAIT-2. CLOSING: acknowledged -> TIME-WAIT,
 *        else stop. LAST-ACK: acknowledged -> CLOSED, stop.
 *     7. Data (length > 0) in ESTABLISHED, FIN-WAIT-1, FIN-WAIT-2: RCV.NXT += length; needs an ACK.
 *     8. FIN: RCV.NXT += 1; needs an ACK. ESTABLISHED -> CLOSE-WAIT; FIN-WAIT-1 -> TIME-WAIT if
 *        our FIN is acknowledged (perhaps by this very segment), else CLOSING; FIN-WAIT-2 ->
 *        TIME-WAIT; other states stay.
 *     If step 7 or 8 needs an ACK, send one (one ACK for both).
 *
 * RFC 9293 Figure 6, A active with ISS 100, B listening with ISS 300:
 *   A.handle({ type: 'OPEN', mode: 'active' })                       -> [{ seq: 100, syn: true }]
 *   B.handle({ type: 'SEGMENT', segment: { seq: 100, syn: true } })  -> [{ seq: 300, ack: 101, syn: true }]
 *   A.handle({ type: 'SEGMENT', segment: { seq: 300, ack: 101, syn: true } }) -> [{ seq: 101, ack: 301 }]
 *
 * Use part 1 (sequence.ts) for every comparison: sequence numbers wrap.
 */
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

/** Throw as: new TcpStateError('CONNECTION_EXISTS', 'tcp: OPEN in ESTABLISHED: connection already exists') */
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

export class TcpConnection {
  constructor(options: TcpConnectionOptions) {
    // TODO: keep the options; start in CLOSED with every variable 0.
    throw new Error(`TODO: create a connection (receive window ${options.receiveWindow ?? 65535})`);
  }

  get state(): TcpState {
    // TODO: the current state.
    throw new Error('TODO: the current state');
  }

  get variables(): SequenceVariables {
    // TODO: ISS, IRS, SND.UNA, SND.NXT, RCV.NXT, RCV.WND.
    throw new Error('TODO: the sequence variables');
  }

  handle(event: TcpEvent): TcpSegment[] {
    // TODO: dispatch on event.type, then on the state, as the table above says.
    throw new Error(`TODO: handle ${event.type}`);
  }
}
