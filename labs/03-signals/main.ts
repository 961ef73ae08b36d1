/**
 * npm run lab -- 03-signals server [--port 7000] [--config <file>]
 * npm run lab -- 03-signals watch
 *
 * `server` runs the reference solution of the exercise; `watch` only reports the signals it gets.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { runSignalServer } from '#solutions/03-signals/signal-server.ts';
import { watchSignals } from './signal-watcher.ts';

const usage = `usage:
  npm run lab -- 03-signals server [--port 7000] [--config <file>]   the graceful server; it prints its pid
  npm run lab -- 03-signals watch                                   print every signal this process gets

then, from another terminal:  kill -TERM <pid>   kill -HUP <pid>   kill -USR2 <pid>`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7000' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

if (command === 'server') {
  try {
    const server = await runSignalServer({ port: Number.parseInt(values.port, 10), configFile: values.config });
    const { port } = server.address() as AddressInfo;
    console.log(`try:  npm run lab -- 03-first-server client --port ${port}    then type PING, HELLO, SLOW 10000`);
  } catch (error) {
    console.error(`server: ${(error as Error).message}`);
    process.exitCode = 2;
  }
} else if (command === 'watch') {
  watchSignals();
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
