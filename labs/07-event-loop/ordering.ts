/**
 * Who runs first: process.nextTick, promises, setImmediate, setTimeout, I/O and close callbacks.
 * Each scenario schedules the same kinds of callbacks from a different place, records the order
 * they actually ran in, and prints it with the phase of libuv's loop (or the queue in between)
 * that each kind belongs to.
 */
import { stat } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Where a kind of callback runs. */
const PHASES = {
  sync: 'the callback that is running now',
  nextTick: 'nextTick queue: after the current callback, before anything else',
  microtask: 'microtask queue (promises): after the nextTick queue is empty',
  timers: 'timers phase',
  poll: 'poll phase (I/O callbacks)',
  check: 'check phase (setImmediate)',
  close: 'close callbacks phase',
} as const;

type Phase = keyof typeof PHASES;

class Trace {
  readonly #steps: Array<{ what: string; phase: Phase }> = [];

  /** Returns a callback that records `what` when it runs. */
  step(what: string, phase: Phase): () => void {
    return () => void this.#steps.push({ what, phase });
  }

  print(title: string, lesson: string): void {
    console.log(`\n${title}`);
    const width = Math.max(...this.#steps.map(({ what }) => what.length));
    this.#steps.forEach(({ what, phase }, i) => console.log(`  ${String(i + 1).padStart(2)}. ${what.padEnd(width)}   ${PHASES[phase]}`));
    console.log(`  -> ${lesson}`);
  }
}

/** The five kinds of deferred callback, scheduled from wherever this is called. */
function scheduleTheUsualFive(trace: Trace, from: string): void {
  setTimeout(trace.step(`setTimeout 0 (from ${from})`, 'timers'), 0);
  setImmediate(trace.step(`setImmediate (from ${from})`, 'check'));
  stat('.', trace.step(`fs.stat callback (from ${from})`, 'poll'));
  void Promise.resolve().then(trace.step(`promise.then (from ${from})`, 'microtask'));
  process.nextTick(trace.step(`process.nextTick (from ${from})`, 'nextTick'));
}

/** Inside a timer callback: the check phase comes before the next timers phase. */
async function fromATimer(): Promise<void> {
  const trace = new Trace();
  setTimeout(() => {
    trace.step('setTimeout callback', 'timers')();
    scheduleTheUsualFive(trace, 'timer');
  }, 0);
  setTimeout(trace.step('a second setTimeout 0, armed at the same time', 'timers'), 0);
  await sleep(50);
  trace.print(
    '1. Scheduled from inside a timer callback',
    'nextTicks and promises run before the sibling timer; setImmediate (check) beats setTimeout 0, which waits for the next turn.',
  );
}

/** Inside an I/O callback (a TCP connect): poll, then check, then close, then the next turn's timers. */
async function fromAnIoCallback(): Promise<void> {
  const trace = new Trace();
  const server = net.createServer((socket) => socket.on('error', () => {}));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const client = net.connect(port, '127.0.0.1', () => {
    trace.step("socket 'connect' callback", 'poll')();
    client.on('close', trace.step("socket 'close' (after destroy())", 'close'));
    client.destroy();
    scheduleTheUsualFive(trace, 'I/O');
  });
  await sleep(50);
  server.close();
  trace.print(
    '2. Scheduled from inside an I/O callback',
    'after poll comes check, so setImmediate ALWAYS beats setTimeout 0 here; a destroyed handle closes in this turn, the timer waits for the next.',
  );
}

/** nextTicks and promises scheduling each other: which queue drains when. */
async function microtasksInterleaved(): Promise<void> {
  const trace = new Trace();
  setImmediate(() => {
    trace.step('setImmediate callback', 'check')();
    process.nextTick(() => {
      trace.step('tick 1', 'nextTick')();
      void Promise.resolve().then(trace.step('promise queued by tick 1', 'microtask'));
      process.nextTick(trace.step('tick queued by tick 1', 'nextTick'));
    });
    void Promise.resolve().then(() => {
      trace.step('promise 1', 'microtask')();
      process.nextTick(trace.step('tick queued by promise 1', 'nextTick'));
      void Promise.resolve().then(trace.step('promise queued by promise 1', 'microtask'));
    });
  });
  setImmediate(trace.step('a second setImmediate', 'check'));
  await sleep(50);
  trace.print(
    '3. nextTicks and promises queueing each other',
    'the whole nextTick queue drains (new ticks included), then the whole microtask queue (new promises included), then ticks again; all before the next callback of the phase.',
  );
}

export async function runOrdering(): Promise<void> {
  console.log('The order callbacks actually ran in (recorded, not assumed), and where each kind runs.');
  await fromATimer();
  await fromAnIoCallback();
  await microtasksInterleaved();
  console.log('\nFrom the main script, setTimeout 0 against setImmediate is a race: `npm run lab -- 07-event-loop race`.');
}
