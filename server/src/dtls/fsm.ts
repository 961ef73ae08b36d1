/**
 * The flight state machine of RFC 6347 §4.2.4, for one side of a handshake:
 *
 *                    +-----------+
 *                    | PREPARING |  <- building our next flight
 *                    +-----------+
 *                          | send(flight)
 *                          v
 *                    +-----------+
 *                    |  SENDING  |  <- transmit, then start the timer
 *                    +-----------+
 *            last flight |     | otherwise
 *                        v     v
 *   +----------+       +-----------+  timer fires: send again, double the timer
 *   | FINISHED |       |  WAITING  |  peer repeats its previous flight: send again
 *   +----------+       +-----------+  peer's next flight complete: PREPARING
 *   peer repeats its previous flight: send our last one again
 *
 * Timer (§4.2.4.1): 1 s at first, doubled on every expiry up to 60 s; after
 * `maxRetransmissions` retransmissions the next expiry gives up (the connection
 * fails with RETRANSMISSION_LIMIT). A flight that went through without loss
 * lets the next one start from the initial value again; after a loss the
 * backed-off value is kept ("retain the current timer value until a
 * transmission without loss occurs").
 *
 * Who "the peer's previous flight" is, is the caller's business: it calls
 * `peerRetransmitted()` only for a message older than the peer flight we are
 * waiting for, so a partial repeat of the current one cannot make both sides
 * answer each other's resends forever.
 */
import type { TimerClock, TimerHandle, TimerQueue } from '../timers/index.ts';
import type { Flight } from './flights/flight.ts';

export type FlightState = 'preparing' | 'sending' | 'waiting' | 'finished';

export interface RetransmissionPolicy {
  /** RFC 6347 §4.2.4.1: "an initial timer value of 1 second". */
  readonly initialTimeoutMs: number;
  /** RFC 6347 §4.2.4.1 (after RFC 6298): at least 60 s. */
  readonly maxTimeoutMs: number;
  /** Retransmissions of one flight before giving up. */
  readonly maxRetransmissions: number;
}

/** 1 + 2 + 4 + 8 + 16 + 32 s of retransmissions, then 60 s more before giving up. */
export const DEFAULT_RETRANSMISSION_POLICY: RetransmissionPolicy = { initialTimeoutMs: 1000, maxTimeoutMs: 60_000, maxRetransmissions: 6 };

export interface FlightTransmitterOptions {
  readonly timers: TimerQueue;
  readonly clock: TimerClock;
  readonly policy: RetransmissionPolicy;
  /** Puts the flight on the wire; `timeouts` is how often its timer has expired (to shrink the datagram size). */
  readonly transmit: (flight: Flight, timeouts: number) => void;
  /** The retransmission bound was reached. */
  readonly giveUp: () => void;
}

export class FlightTransmitter {
  readonly #options: FlightTransmitterOptions;
  #state: FlightState = 'preparing';
  #flight: Flight | undefined;
  #timer: TimerHandle | undefined;
  #timeoutMs: number;
  /** Timer expiries of the current flight. */
  #timeouts = 0;
  #lastSentAt = -Infinity;
  #retransmissions = 0;

  constructor(options: FlightTransmitterOptions) {
    this.#options = options;
    this.#timeoutMs = options.policy.initialTimeoutMs;
  }

  get state(): FlightState {
    return this.#state;
  }

  /** Every retransmission, whatever caused it. */
  get retransmissions(): number {
    return this.#retransmissions;
  }

  /** The timer value the current flight waits for. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** PREPARING → SENDING → WAITING, or FINISHED for the handshake's last flight, which is kept to answer retransmissions. */
  send(flight: Flight, options: { last: boolean }): void {
    if (this.#timeouts === 0) this.#timeoutMs = this.#options.policy.initialTimeoutMs;
    this.#timeouts = 0;
    this.#flight = flight;
    this.#state = 'sending';
    this.#transmit();
    if (options.last) {
      this.#state = 'finished';
      this.#cancelTimer();
    } else {
      this.#state = 'waiting';
      this.#armTimer();
    }
  }

  /**
   * The peer repeated its previous flight, so ours was probably lost: in WAITING,
   * send it again and restart the timer; in FINISHED, send our last flight again
   * (§4.2.4). At most once per quarter of the initial timer, so the datagrams of
   * one repeated flight trigger one resend, not one each.
   */
  peerRetransmitted(): void {
    const flight = this.#flight;
    if (flight === undefined || (this.#state !== 'waiting' && this.#state !== 'finished')) return;
    if (this.#options.clock.now() - this.#lastSentAt < this.#options.policy.initialTimeoutMs / 4) return;
    this.#retransmissions++;
    this.#transmit();
    if (this.#state === 'waiting') this.#armTimer();
  }

  /** FINISHED without a flight to resend: the side that did not send the last flight is done (§4.2.4). */
  finish(): void {
    this.#state = 'finished';
    this.#flight = undefined;
    this.#cancelTimer();
  }

  /** Stops the timer for good (the connection closed or failed). */
  stop(): void {
    this.finish();
  }

  #transmit(): void {
    this.#lastSentAt = this.#options.clock.now();
    this.#options.transmit(this.#flight!, this.#timeouts);
  }

  #armTimer(): void {
    if (this.#timer === undefined) this.#timer = this.#options.timers.arm(this.#timeoutMs, this.#expired);
    else this.#options.timers.reschedule(this.#timer, this.#timeoutMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) this.#options.timers.cancel(this.#timer);
  }

  readonly #expired = (): void => {
    if (this.#state !== 'waiting') return;
    if (this.#timeouts >= this.#options.policy.maxRetransmissions) {
      this.#state = 'finished';
      this.#options.giveUp();
      return;
    }
    this.#timeouts++;
    this.#retransmissions++;
    this.#timeoutMs = Math.min(this.#timeoutMs * 2, this.#options.policy.maxTimeoutMs);
    this.#state = 'sending';
    this.#transmit();
    this.#state = 'waiting';
    this.#armTimer();
  };
}
