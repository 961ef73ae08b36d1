/**
 * The server side of `npm run lab -- 06-c10k demo`: the reference hold server in a process of its
 * own, so that its memory and its loop are the server's alone. demo.ts forks it with an IPC
 * channel and --expose-gc, and asks it to measure itself:
 *
 *   child → parent   { kind: 'listening', port }
 *   parent → child   { kind: 'measure', windowMs }
 *   child → parent   { kind: 'measured', measurement }
 *
 * It exits when the parent goes away (the IPC channel closes), whatever the reason.
 */
import { startHoldServer } from '#solutions/06-c10k/hold-server.ts';
import { measureServer, startLoopDelayMonitor, type ServerMeasurement } from './measurement.ts';

export type ToServer = { readonly kind: 'measure'; readonly windowMs: number };
export type FromServer =
  | { readonly kind: 'listening'; readonly port: number }
  | { readonly kind: 'measured'; readonly measurement: ServerMeasurement };

/** Longer than any demo, so that nothing is evicted while it is being measured. */
const IDLE_TIMEOUT_MS = 10 * 60_000;

if (!process.send) {
  console.error('server-process.ts is started by demo.ts (npm run lab -- 06-c10k demo), not by hand');
  process.exit(2);
}
const send = (message: FromServer): void => void process.send?.(message);

const hold = await startHoldServer({ port: 0, host: '127.0.0.1', idleTimeoutMs: IDLE_TIMEOUT_MS, maxConnections: 60_000 });
const loopDelay = startLoopDelayMonitor();

process.on('message', (message: ToServer) => {
  if (message.kind !== 'measure') return;
  void measureServer(loopDelay, message.windowMs, hold.stats).then((measurement) => send({ kind: 'measured', measurement }));
});
// Exiting is enough: the kernel closes every descriptor of a process that exits, sockets included.
process.on('disconnect', () => process.exit(0));
send({ kind: 'listening', port: hold.port });
