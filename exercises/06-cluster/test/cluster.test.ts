import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '#course/testing.ts';
import {
  cleanUp,
  get,
  holdersOfListeningSocket,
  isAlive,
  keepAliveAgent,
  request,
  runServer,
  servedBy,
  startCluster,
  untilRefused,
} from './cluster-process.ts';

afterEach(cleanUp);

/** Starting a primary and its workers under tsx takes seconds on a busy machine; these tests wait for several. */
const SLOW = { timeout: 60_000 };

describe('06-cluster: workers sharing one port', SLOW, () => {
  it('starts --workers workers on one port, and the primary hands connections to each in turn (rr)', async () => {
    const cluster = await startCluster(['--workers', '2', '--policy', 'rr']);
    expect(cluster.process.stdout()).toMatch(new RegExp(`^primary pid ${cluster.process.pid}: starting 2 workers \\(policy rr\\)$`, 'm'));
    const pids = cluster.workers.map((worker) => worker.pid);
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(cluster.process.pid);

    const servers: number[] = [];
    for (let i = 0; i < 6; i++) servers.push(servedBy(await get(cluster.port, '/')).pid);
    expect(new Set(servers), 'round-robin reaches every worker').toEqual(new Set(pids));
  });

  it('answers the routes: /slow streams, /cpu answers after its work, 404 for an unknown path, 400 for bad values', async () => {
    const cluster = await startCluster(['--workers', '1']);
    expect((await get(cluster.port, '/nowhere')).status).toBe(404);
    expect((await get(cluster.port, '/slow?ms=soon')).status).toBe(400);
    expect((await get(cluster.port, '/cpu?ms=1001')).status).toBe(400);
    const cpu = await get(cluster.port, '/cpu?ms=20');
    expect(servedBy(cpu)).toEqual(cluster.workers[0]);
    expect(cpu.headers['content-length']).toBe(String(Buffer.byteLength(cpu.body)));
    const slow = await get(cluster.port, '/slow?ms=50');
    expect(slow.status).toBe(200);
    expect(slow.body).toBe(`started worker ${cluster.workers[0]!.id} pid ${cluster.workers[0]!.pid}\ndone\n`);
  });

  it('with --policy rr only the primary holds the listening socket', async () => {
    const cluster = await startCluster(['--workers', '2', '--policy', 'rr']);
    const everyone = [cluster.process.pid, ...cluster.workers.map((worker) => worker.pid)];
    expect(holdersOfListeningSocket(cluster.port, everyone)).toEqual([cluster.process.pid]);
  });

  it('with --policy none every worker holds the listening socket itself and accepts from it', async () => {
    const cluster = await startCluster(['--workers', '2', '--policy', 'none']);
    expect(cluster.process.stdout()).toMatch(/\(policy none\)$/m);
    const workers = cluster.workers.map((worker) => worker.pid);
    expect(holdersOfListeningSocket(cluster.port, workers)).toEqual(workers);
    expect(servedBy(await get(cluster.port, '/')).pid).toBeOneOf(workers);
  });

  const badArguments: Array<[string[], RegExp]> = [
    [['--workers', '0'], /--workers/],
    [['--policy', 'fifo'], /--policy/],
    [['--backoff-ms', '500', '--max-backoff-ms', '100'], /--max-backoff-ms/],
  ];
  for (const [args, message] of badArguments) {
    it(`refuses ${args.join(' ')}: one line on stderr, exit 2`, async () => {
      const primary = runServer(args);
      expect(await primary.waitForExit(15_000)).toEqual({ code: 2, signal: null });
      expect(primary.stderr().trim()).toMatch(/^server: .+$/);
      expect(primary.stderr()).toMatch(message);
    });
  }
});

describe('06-cluster: the primary restarts crashed workers', SLOW, () => {
  it('restarts a worker killed with SIGKILL after the backoff, while the other one keeps serving', async () => {
    const cluster = await startCluster(['--workers', '2', '--backoff-ms', '1000']);
    const [victim, survivor] = cluster.workers as [{ id: number; pid: number }, { id: number; pid: number }];
    process.kill(victim.pid, 'SIGKILL');
    await cluster.process.waitForLine(new RegExp(`^worker ${victim.id} pid ${victim.pid} died \\(signal SIGKILL\\); restarting in 1000 ms$`), 10_000);
    expect(isAlive(victim.pid), 'the dead worker has been reaped').toBe(false);
    expect(servedBy(await get(cluster.port, '/')), 'served while the restart waits').toEqual(survivor);

    const [, newPid] = await cluster.process.waitForLine(new RegExp(`^worker 3 pid (\\d+) listening on 127\\.0\\.0\\.1:${cluster.port}$`), 20_000);
    const servers = new Set<number>();
    for (let i = 0; i < 6; i++) servers.add(servedBy(await get(cluster.port, '/')).pid);
    expect(servers).toEqual(new Set([survivor.pid, Number(newPid)]));
  });

  it('doubles the delay for each crash within the window, and past --max-crashes gives up and exits 1', async () => {
    // Not port 0: with its only worker gone, the cluster has no listening socket left, and the
    // next worker's listen(0) would get a new port.
    const port = await freePort();
    const cluster = await startCluster(['--port', String(port), '--workers', '1', '--backoff-ms', '100', '--max-crashes', '2', '--crash-window-ms', '60000']);
    const crash = async (id: number): Promise<void> => {
      await cluster.process.waitForLine(new RegExp(`^worker ${id} pid \\d+ listening on 127\\.0\\.0\\.1:${port}$`), 20_000);
      await expect(get(cluster.port, '/crash'), 'a crashing worker does not answer').rejects.toThrow();
    };
    await crash(1);
    await cluster.process.waitForLine(/^worker 1 pid \d+ died \(code 1\); restarting in 100 ms$/, 10_000);
    await crash(2);
    await cluster.process.waitForLine(/^worker 2 pid \d+ died \(code 1\); restarting in 200 ms$/, 10_000);
    await crash(3);
    await cluster.process.waitForLine(/^worker 3 pid \d+ died \(code 1\); 3 crashes within 60000 ms: giving up$/, 10_000);
    expect(await cluster.process.waitForExit(10_000)).toEqual({ code: 1, signal: null });
    expect(cluster.process.stdout()).toMatch(/^stopped$/m);
    expect(cluster.process.stdout()).not.toMatch(/^worker 4 /m);
  });
});

describe('06-cluster: graceful shutdown', SLOW, () => {
  it('on SIGTERM stops accepting, finishes the request in flight, closes keep-alive connections, and exits 0', async () => {
    const cluster = await startCluster(['--workers', '2', '--shutdown-timeout-ms', '30000']);
    // An idle keep-alive connection, and a busy one whose response has begun.
    await get(cluster.port, '/', keepAliveAgent());
    const slow = request(cluster.port, '/slow?ms=1500', keepAliveAgent());
    const busy = await slow.started;

    cluster.signal('SIGTERM');
    await cluster.process.waitForLine(/^shutting down on SIGTERM: 2 workers finishing$/);
    await untilRefused(cluster.port);
    expect((await slow.finished).body).toBe(`${busy}\ndone\n`);

    // Keep-alive connections last 60 s and the deadline is 30 s: only closing them lets the workers exit now.
    expect(await cluster.process.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    const stdout = cluster.process.stdout();
    for (const { id, pid } of cluster.workers) expect(stdout).toMatch(new RegExp(`^worker ${id} pid ${pid} stopped \\(code 0\\)$`, 'm'));
    expect(stdout).toMatch(/^stopped$/m);
    expect(stdout).not.toMatch(/deadline|restarting/);
    for (const { pid } of cluster.workers) expect(isAlive(pid)).toBe(false);
  });

  it('at the deadline kills the workers still busy, does not restart them, and exits 0', async () => {
    const cluster = await startCluster(['--workers', '2', '--shutdown-timeout-ms', '500']);
    const slow = request(cluster.port, '/slow?ms=20000');
    const busy = (await slow.started).match(/^started worker (\d+) pid (\d+)$/);
    expect(busy, 'the /slow response starts with its worker').not.toBeNull();
    const [, id, pid] = busy!;

    cluster.signal('SIGTERM');
    await cluster.process.waitForLine(new RegExp(`^shutdown deadline: killing worker ${id} pid ${pid}$`), 10_000);
    expect(await cluster.process.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    await expect(slow.finished, 'the slow response was cut off').rejects.toThrow(/cut off/);
    expect(cluster.process.stdout()).toMatch(new RegExp(`^worker ${id} pid ${pid} stopped \\(signal SIGKILL\\)$`, 'm'));
    expect(cluster.process.stdout()).not.toMatch(/restarting/);
  });

  it('drains just the same when SIGINT reaches the primary and every worker at once, as Ctrl-C does', async () => {
    const cluster = await startCluster(['--workers', '2', '--shutdown-timeout-ms', '30000']);
    const slow = request(cluster.port, '/slow?ms=1000');
    const busy = await slow.started;

    for (const pid of [cluster.process.pid, ...cluster.workers.map((worker) => worker.pid)]) process.kill(pid, 'SIGINT');
    await cluster.process.waitForLine(/^shutting down on SIGINT: 2 workers finishing$/);
    expect((await slow.finished).body).toBe(`${busy}\ndone\n`);
    expect(await cluster.process.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    for (const { id, pid } of cluster.workers) expect(cluster.process.stdout()).toMatch(new RegExp(`^worker ${id} pid ${pid} stopped \\(code 0\\)$`, 'm'));
  });

  it('treats SIGINT like SIGTERM', async () => {
    const cluster = await startCluster(['--workers', '1']);
    cluster.signal('SIGINT');
    await cluster.process.waitForLine(/^shutting down on SIGINT: 1 workers finishing$/);
    expect(await cluster.process.waitForExit(10_000)).toEqual({ code: 0, signal: null });
  });
});
