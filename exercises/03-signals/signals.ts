/**
 * Exercise 03-signals: the first and the second stop signal.
 *
 * onStopSignals() installs listeners for SIGINT and SIGTERM. The first of them (either one)
 * calls first(signal): begin a graceful shutdown. Every later one calls again(signal): the
 * person or supervisor sending it has run out of patience.
 *
 * Installing a listener replaces the default disposition (terminate the process): from then
 * on, whether and when the process exits is up to the program.
 */

export type StopSignal = 'SIGINT' | 'SIGTERM';

export function onStopSignals(first: (signal: StopSignal) => void, again: (signal: StopSignal) => void): void {
  throw new Error('TODO: process.on() for SIGINT and SIGTERM: call first() the first time, again() every time after');
}
