/**
 * npm run lab -- 05-process-per-connection server [--port 7005] [--max-children 8]
 * npm run lab -- 05-process-per-connection zombie [--seconds 30]
 *
 * `server` runs the reference solution of the exercise; `zombie` shows a child nobody reaps.
 */
import { parseArgs } from 'node:util';
import { startForkServer } from '#solutions/05-process-per-connection/parent.ts';
import { showZombie } from './zombie.ts';

const usage = `usage:
  npm run lab -- 05-process-per-connection server [--port 7005] [--max-children 8]   one child process per client
  npm run lab -- 05-process-per-connection zombie [--seconds 30]                    a child that is never reaped

then, from another terminal:  ps --ppid <pid> -o pid,stat,rss,etime,cmd`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7005' },
    'max-children': { type: 'string', default: '8' },
    seconds: { type: 'string', default: '30' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

if (command === 'server') {
  try {
    const port = Number.parseInt(values.port, 10);
    await startForkServer({ port, maxChildren: Number.parseInt(values['max-children'], 10) });
    console.log(`try:  npm run lab -- 03-first-server client --port ${port}    (or nc 127.0.0.1 ${port}), in several terminals`);
  } catch (error) {
    console.error(`server: ${(error as Error).message}`);
    process.exitCode = 2;
  }
} else if (command === 'zombie') {
  await showZombie(Math.min(Math.max(Number.parseInt(values.seconds, 10) || 30, 2), 300));
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
