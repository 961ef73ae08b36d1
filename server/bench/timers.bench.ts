/**
 * Timer churn with 100,000 timers pending: what a media server does all day
 * (a retransmission timer armed per packet and cancelled by its ACK, keep-alives
 * pushed back on every packet). server/src/timers' TimerQueue (one host timer,
 * an indexed min-heap) against Node's own setTimeout/clearTimeout, both with
 * the same 100,000 timers pending in the same process.
 *
 * Node groups its timers in one list per distinct duration (O(1) insert and
 * remove within a list, a priority queue of lists), so its cost depends on how
 * many distinct durations are pending; both sides here draw whole-millisecond
 * durations from the same 1,000 values.
 */
import { TimerQueue, createSystemClock, type TimerHandle } from '../src/timers/index.ts';
import { measure, type BenchCase, type BenchSection } from './harness.ts';

export const name = 'timers';

const PENDING = 100_000;
/** Far enough that nothing fires while the section runs (the loop is blocked anyway: measure() is synchronous). */
const BASE_DELAY_MS = 300_000;
const DISTINCT_DELAYS = 1_000;

const noop = (): void => {};

/** xorshift32: a slot to replace and a delay per operation, cheap next to what is measured. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

const delayOf = (random: number): number => BASE_DELAY_MS + (random % DISTINCT_DELAYS);

interface Population<T> {
  readonly slots: T[];
  readonly cases: BenchCase[];
  dispose(): void;
}

function nodeTimers(): Population<NodeJS.Timeout> {
  const next = sequence(0x9e3779b9);
  const slots = Array.from({ length: PENDING }, () => setTimeout(noop, delayOf(next())));
  return {
    slots,
    cases: [
      { name: 'setTimeout + clearTimeout (Node)', op: () => clearTimeout(setTimeout(noop, delayOf(next()))) },
      {
        name: 'clearTimeout a random pending one + setTimeout (Node)',
        op: () => {
          const slot = next() % PENDING;
          clearTimeout(slots[slot]);
          return (slots[slot] = setTimeout(noop, delayOf(next())));
        },
      },
      { name: 'timeout.refresh() a random pending one (Node; same duration)', op: () => slots[next() % PENDING]!.refresh() },
    ],
    dispose: () => slots.forEach((timeout) => clearTimeout(timeout)),
  };
}

function timerQueue(): Population<TimerHandle> {
  const next = sequence(0x85ebca6b);
  const queue = new TimerQueue({ clock: createSystemClock({ unref: true }) });
  const slots = Array.from({ length: PENDING }, () => queue.arm(delayOf(next()), noop));
  return {
    slots,
    cases: [
      { name: 'TimerQueue arm + cancel', op: () => queue.cancel(queue.arm(delayOf(next()), noop)) },
      {
        name: 'TimerQueue cancel a random pending one + arm',
        op: () => {
          const slot = next() % PENDING;
          queue.cancel(slots[slot]!);
          return (slots[slot] = queue.arm(delayOf(next()), noop));
        },
      },
      { name: 'TimerQueue reschedule a random pending one', op: () => queue.reschedule(slots[next() % PENDING]!, delayOf(next())) },
    ],
    dispose: () => queue.close(),
  };
}

export async function run(): Promise<BenchSection> {
  const node = nodeTimers();
  const queue = timerQueue();
  try {
    const baseline = node.cases[0]!;
    const results = measure([...node.cases, ...queue.cases], { rounds: 7, batchMs: 120 });
    return {
      title: `Timers: arm + cancel with ${PENDING.toLocaleString('en-US')} pending (Node setTimeout vs TimerQueue)`,
      baseline: baseline.name,
      unit: 'arm+cancel',
      results,
      notes: [
        'throughput vs baseline > 1 means faster than a bare setTimeout + clearTimeout with the same number of timers pending; compare ratios, not ns (shared, noisy machine).',
        '"arm + cancel": a retransmission timer cancelled by its ACK (a new timer, removed at once). "random pending one": a timer from the middle of the 100,000 removed or moved, which a heap pays O(log n) for.',
        `delays are ${BASE_DELAY_MS / 1000} s + 0..${DISTINCT_DELAYS - 1} ms: ${DISTINCT_DELAYS} distinct durations for Node's per-duration lists. The TimerQueue keeps one host setTimeout however many timers are pending.`,
      ],
    };
  } finally {
    node.dispose();
    queue.dispose();
  }
}
