/**
 * One direction of an emulated network path, in user space: each datagram
 * pushed in is dropped, duplicated, held back (reordered) and/or delayed, then
 * handed to `deliver`. The randomness comes from an injected generator, so a
 * seeded run makes the same decisions every time; the time from a TimerClock,
 * so tests drive it with a ManualClock.
 *
 * Decisions per datagram, each from its own draw, in this order:
 *   1. loss:      dropped, nothing else happens
 *   2. duplicate: a second copy follows it at the same time
 *   3. reorder:   held back until `reorderDistance` later datagrams have gone
 *                 out (or `reorderHoldMs` has passed), then sent like any other
 *   4. delay:     leaves delayMs ± jitterMs later, but never before a datagram
 *                 that was sent out earlier: jitter alone keeps FIFO order, as a
 *                 single queue on a real link does (reordering is only 3)
 */
import { TimerQueue, type TimerClock, type TimerHandle } from '../timers/index.ts';
import { NetemError } from './errors.ts';
import { type Impairment, type ResolvedImpairment, resolveImpairment } from './impairment.ts';

export interface PathCounters {
  /** Datagrams pushed in, and their bytes. */
  readonly received: number;
  readonly receivedBytes: number;
  readonly dropped: number;
  /** Datagrams that got a second copy. */
  readonly duplicated: number;
  /** Datagrams held back to be overtaken. */
  readonly reordered: number;
  /** Datagrams handed to deliver (copies included), and their bytes. */
  readonly delivered: number;
  readonly deliveredBytes: number;
  /** Now: scheduled but not yet delivered, and held back. */
  readonly inFlight: number;
  readonly held: number;
}

export interface ImpairedPathOptions {
  readonly impairment?: Impairment;
  /** A float in [0, 1) per call; use a seeded generator for reproducible runs. */
  readonly random: () => number;
  /** Where datagrams leave the path. */
  readonly deliver: (datagram: Buffer) => void;
  /** Default: the system clock. */
  readonly clock?: TimerClock;
}

interface HeldDatagram {
  readonly datagram: Buffer;
  /** Later datagrams still to overtake it. */
  remaining: number;
  readonly timer: TimerHandle;
}

type Counter = Exclude<keyof PathCounters, 'inFlight' | 'held'>;

export class ImpairedPath {
  #impairment: ResolvedImpairment;
  readonly #random: () => number;
  readonly #deliver: (datagram: Buffer) => void;
  readonly #clock: TimerClock | undefined;
  readonly #timers: TimerQueue;
  readonly #held: HeldDatagram[] = [];
  readonly #inFlight = new Set<TimerHandle>();
  /** When the last scheduled datagram leaves: nothing may leave before it. */
  #lastDepartureMs = -Infinity;
  #closed = false;
  readonly #counters: Record<Counter, number> = zeroCounters();

  constructor(options: ImpairedPathOptions) {
    this.#impairment = resolveImpairment(options.impairment);
    this.#random = options.random;
    this.#deliver = options.deliver;
    this.#clock = options.clock;
    this.#timers = new TimerQueue(options.clock ? { clock: options.clock } : {});
  }

  get impairment(): ResolvedImpairment {
    return this.#impairment;
  }

  /** Applies to datagrams pushed from now on; those already in flight keep their fate. */
  set impairment(impairment: Impairment) {
    this.#impairment = resolveImpairment(impairment);
  }

  get counters(): PathCounters {
    return { ...this.#counters, inFlight: this.#inFlight.size, held: this.#held.length };
  }

  push(datagram: Buffer): void {
    if (this.#closed) throw new NetemError('CLOSED', 'netem: push() on a closed path');
    const { loss, duplicate, reorder, reorderDistance, reorderHoldMs } = this.#impairment;
    this.#count('received', 1);
    this.#count('receivedBytes', datagram.length);
    if (this.#chance(loss)) {
      this.#count('dropped', 1);
      return;
    }
    const copies = this.#chance(duplicate) ? 2 : 1;
    if (copies === 2) this.#count('duplicated', 1);
    if (this.#chance(reorder)) {
      this.#count('reordered', 1);
      for (let copy = 0; copy < copies; copy++) this.#hold(datagram, reorderDistance, reorderHoldMs);
      return;
    }
    for (let copy = 0; copy < copies; copy++) this.#send(datagram);
  }

  /** Drops everything held or in flight and stops the timers; push() afterwards throws. */
  close(): void {
    this.#closed = true;
    this.#timers.close();
    this.#held.length = 0;
    this.#inFlight.clear();
  }

  #chance(probability: number): boolean {
    return probability > 0 && this.#random() < probability;
  }

  #hold(datagram: Buffer, distance: number, holdMs: number): void {
    const held: HeldDatagram = {
      datagram,
      remaining: distance,
      timer: this.#timers.arm(holdMs, () => this.#release(held)),
    };
    this.#held.push(held);
  }

  #release(held: HeldDatagram): void {
    const index = this.#held.indexOf(held);
    if (index < 0) return;
    this.#held.splice(index, 1);
    this.#timers.cancel(held.timer);
    this.#schedule(held.datagram);
  }

  /** Schedules a datagram that is not held, and counts it as overtaking every held one. */
  #send(datagram: Buffer): void {
    this.#schedule(datagram);
    for (const held of [...this.#held]) {
      held.remaining -= 1;
      if (held.remaining === 0) this.#release(held);
    }
  }

  #schedule(datagram: Buffer): void {
    const { delayMs, jitterMs } = this.#impairment;
    const delay = Math.max(0, delayMs + (jitterMs > 0 ? (this.#random() * 2 - 1) * jitterMs : 0));
    const now = this.#clock?.now() ?? performance.now();
    const departure = Math.max(now + delay, this.#lastDepartureMs);
    this.#lastDepartureMs = departure;
    if (departure <= now && this.#inFlight.size === 0) {
      this.#emit(datagram);
      return;
    }
    const timer = this.#timers.arm(departure - now, () => {
      this.#inFlight.delete(timer);
      this.#emit(datagram);
    });
    this.#inFlight.add(timer);
  }

  #emit(datagram: Buffer): void {
    this.#count('delivered', 1);
    this.#count('deliveredBytes', datagram.length);
    this.#deliver(datagram);
  }

  #count(counter: Counter, amount: number): void {
    this.#counters[counter] += amount;
  }
}

/** Sums the counters of several paths (a proxy has one pair per client). */
export function sumCounters(all: readonly PathCounters[]): PathCounters {
  const total: Record<keyof PathCounters, number> = { ...zeroCounters(), inFlight: 0, held: 0 };
  for (const counters of all) {
    for (const key of Object.keys(total) as Array<keyof PathCounters>) total[key] += counters[key];
  }
  return total;
}

function zeroCounters(): Record<Counter, number> {
  return { received: 0, receivedBytes: 0, dropped: 0, duplicated: 0, reordered: 0, delivered: 0, deliveredBytes: 0 };
}
