/**
 * A program that only watches for signals: it catches SIGINT, SIGTERM, SIGHUP, SIGUSR1 and
 * SIGUSR2, and prints each one it gets with its number, so you can play with kill(1).
 *
 * On SIGUSR1 it also blocks its event loop for a few seconds. Signals sent meanwhile are not
 * lost and not handled "in the middle": libuv's real handler only noted them, and our
 * listeners run one after the other once the loop is free again.
 */
import { constants } from 'node:os';

const WATCHED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGUSR2'];
const BLOCK_MS = 3000;

function blockTheLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy on purpose: no callback, no signal listener can run until this returns.
  }
}

export function watchSignals(): void {
  const startedAt = Date.now();
  const elapsed = (): string => `+${((Date.now() - startedAt) / 1000).toFixed(3)}s`;
  for (const signal of WATCHED) {
    process.on(signal, () => {
      console.log(`${elapsed()} got ${signal} (signal ${constants.signals[signal]})`);
      if (signal === 'SIGUSR1') {
        console.log(`${elapsed()} blocking the event loop for ${BLOCK_MS} ms: send more signals now`);
        blockTheLoop(BLOCK_MS);
        console.log(`${elapsed()} loop free again`);
      }
    });
  }
  // Signal listeners do not keep a Node process alive; this timer does.
  setInterval(() => {}, 60_000);
  console.log(`pid ${process.pid}: catching ${WATCHED.join(', ')}.`);
  console.log(`try:  kill -HUP ${process.pid}    kill -USR2 ${process.pid}    kill -USR1 ${process.pid} (blocks the loop ${BLOCK_MS / 1000} s)`);
  console.log(`Ctrl-C is caught too; stop it with  kill -KILL ${process.pid}  (or Ctrl-\\, SIGQUIT, which it does not catch).`);
}
