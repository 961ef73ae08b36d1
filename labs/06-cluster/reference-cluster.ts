/**
 * Starts the reference cluster (solutions/06-cluster/server.ts: a primary and its workers) as a
 * process tree of its own for the bench, and stops all of it afterwards, whatever happened.
 */
import path from 'node:path';
import { solutionsDir } from '#course/paths.ts';
import { runTypeScript } from '#course/testing.ts';

export type Policy = 'rr' | 'none';

export interface RunningCluster {
  readonly port: number;
  readonly primaryPid: number;
  /** SIGTERM (a graceful shutdown), then SIGKILL for anything still running after 10 s. */
  stop(): Promise<void>;
}

export const referenceServer = path.join(solutionsDir, '06-cluster', 'server.ts');
const STARTUP_MS = 30_000;

export async function startReferenceCluster(workers: number, policy: Policy): Promise<RunningCluster> {
  const primary = runTypeScript(referenceServer, ['--port', '0', '--workers', String(workers), '--policy', policy, '--shutdown-timeout-ms', '5000']);
  const workerPids = (): number[] => [...primary.stdout().matchAll(/^worker \d+ pid (\d+) listening/gm)].map((match) => Number(match[1]));
  const stop = async (): Promise<void> => {
    try {
      process.kill(primary.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await primary.waitForExit(10_000).catch(() => primary.kill());
    for (const pid of workerPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // exited with the shutdown, as it should
      }
    }
  };
  try {
    const [, port] = await primary.waitForLine(/^ready: \d+ workers on 127\.0\.0\.1:(\d+)$/, STARTUP_MS);
    return { port: Number(port), primaryPid: primary.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
