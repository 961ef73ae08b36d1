/**
 * npm run lab -- 06-cluster server [--workers 2] [--policy rr|none] [--port 7011]
 * npm run lab -- 06-cluster bench [--seconds 5] [--connections 16]
 * npm run lab -- 06-cluster spread [--connections 200] [--workers 2]
 *
 * `server` runs the reference cluster of the exercise (a primary and its workers); `bench` compares
 * requests/s with 1 and 2 workers; `spread` counts which worker gets each connection under each
 * scheduling policy.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as bench from './bench.ts';
import { referenceServer } from './reference-cluster.ts';
import * as spread from './spread.ts';

const usage = `usage:
  npm run lab -- 06-cluster server [--workers 2] [--policy rr|none] [--port 7011]
        the reference cluster: a primary and its workers on one port; try curl, kill -9 a worker, kill -TERM the primary
  npm run lab -- 06-cluster bench [--seconds ${bench.DEFAULT_SECONDS}] [--connections ${bench.DEFAULT_CONNECTIONS}]
        requests/s with 1 worker and with 2, side by side (seconds: 1-${bench.MAX_SECONDS}, connections: 1-${bench.MAX_CONNECTIONS})
  npm run lab -- 06-cluster spread [--connections ${spread.DEFAULT_CONNECTIONS}] [--workers 2]
        connections per worker under SCHED_RR and SCHED_NONE (connections: 1-${spread.MAX_CONNECTIONS}, workers: 1-${spread.MAX_WORKERS})`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: 'string', default: '2' },
    policy: { type: 'string', default: 'rr' },
    port: { type: 'string', default: '7011' },
    seconds: { type: 'string' },
    connections: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

function whole(name: string, text: string | undefined, fallback: number, max: number): number {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new RangeError(`--${name} must be a whole number from 1 to ${max}`);
  return value;
}

/** The reference server.ts in a child process, this terminal's stdio, signals passed on. */
function runServer(): Promise<number> {
  const args = ['--port', values.port, '--workers', values.workers, '--policy', values.policy];
  const child = spawn(process.execPath, ['--import', 'tsx', referenceServer, ...args], { stdio: 'inherit' });
  // Ctrl-C reaches the primary from the terminal; a SIGTERM sent to this process alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const [command] = positionals;
try {
  if (command === 'server') {
    process.exitCode = await runServer();
  } else if (command === 'bench') {
    await bench.runBench(whole('seconds', values.seconds, bench.DEFAULT_SECONDS, bench.MAX_SECONDS), whole('connections', values.connections, bench.DEFAULT_CONNECTIONS, bench.MAX_CONNECTIONS));
  } else if (command === 'spread') {
    await spread.runSpread(whole('connections', values.connections, spread.DEFAULT_CONNECTIONS, spread.MAX_CONNECTIONS), whole('workers', values.workers, 2, spread.MAX_WORKERS));
  } else {
    console.log(usage);
    process.exitCode = command === undefined || values.help ? 0 : 2;
  }
} catch (error) {
  if (!(error instanceof RangeError)) throw error;
  console.error(`${command}: ${error.message}`);
  process.exitCode = 2;
}
