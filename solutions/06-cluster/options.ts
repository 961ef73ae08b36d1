/**
 * Exercise 06-cluster: the command line (reference solution).
 * See exercises/06-cluster/options.ts for the contract.
 */
import { parseArgs } from 'node:util';

export type SchedulingPolicy = 'rr' | 'none';

export interface ClusterOptions {
  readonly port: number;
  readonly host: string;
  readonly workers: number;
  readonly policy: SchedulingPolicy;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly maxCrashes: number;
  readonly crashWindowMs: number;
  readonly shutdownTimeoutMs: number;
}

function whole(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

export function parseClusterArgs(args: readonly string[]): ClusterOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      workers: { type: 'string', default: '2' },
      policy: { type: 'string', default: 'rr' },
      'backoff-ms': { type: 'string', default: '100' },
      'max-backoff-ms': { type: 'string', default: '5000' },
      'max-crashes': { type: 'string', default: '5' },
      'crash-window-ms': { type: 'string', default: '30000' },
      'shutdown-timeout-ms': { type: 'string', default: '10000' },
    },
  });
  const { policy } = values;
  if (policy !== 'rr' && policy !== 'none') throw new Error(`--policy must be rr or none, not "${policy}"`);
  const backoffMs = whole('backoff-ms', values['backoff-ms'], 1, 600_000);
  return {
    port: whole('port', values.port, 0, 65_535),
    host: values.host,
    workers: whole('workers', values.workers, 1, 64),
    policy,
    backoffMs,
    maxBackoffMs: whole('max-backoff-ms', values['max-backoff-ms'], backoffMs, 600_000),
    maxCrashes: whole('max-crashes', values['max-crashes'], 0, 1000),
    crashWindowMs: whole('crash-window-ms', values['crash-window-ms'], 1, 3_600_000),
    shutdownTimeoutMs: whole('shutdown-timeout-ms', values['shutdown-timeout-ms'], 1, 600_000),
  };
}
