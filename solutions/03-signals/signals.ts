/**
 * Exercise 03-signals: the first and the second stop signal (reference solution).
 * See exercises/03-signals/signals.ts for the contract.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

export function onStopSignals(first: (signal: StopSignal) => void, again: (signal: StopSignal) => void): void {
  // Listeners run on the event loop one after the other, so a plain boolean is enough:
  // no second listener can run in the middle of the first.
  let stopping = false;
  const stop = (signal: StopSignal): void => {
    if (stopping) {
      again(signal);
      return;
    }
    stopping = true;
    first(signal);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
