import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, startServer, startSlowRequest, type StartedServer } from './server-process.ts';

afterEach(cleanUp);

const statsLine = /^stats /;
const statsFormat = /^stats connections=(\d+) inflight=(\d+) served=(\d+) uptime=(\d+)s$/;

/** Sends SIGUSR2 and returns the stats line it produced. */
async function stats(server: StartedServer): Promise<string> {
  const before = server.process.stdout().split('\n').filter((line) => statsLine.test(line)).length;
  server.signal('SIGUSR2');
  return server.waitForLines(statsLine, before + 1);
}

describe('03-signals: SIGUSR2 prints live stats', () => {
  it('counts open connections, requests in flight and requests served, and keeps serving', async () => {
    const server = await startServer({ greeting: 'hi' });
    expect(await stats(server)).toMatch(/^stats connections=0 inflight=0 served=0 uptime=\d+s$/);

    const busy = await server.connect(); // PING: served 1
    await startSlowRequest(busy, 5000); // PING: served 2, SLOW in flight
    const other = await server.connect(); // PING: served 3
    other.send('HELLO');
    expect(await other.nextLine()).toBe('hi'); // served 4
    expect(await stats(server)).toMatch(/^stats connections=2 inflight=1 served=4 uptime=\d+s$/);

    other.send('PING');
    expect(await other.nextLine()).toBe('PONG');
  });

  it('stops counting a connection once it has closed', async () => {
    const server = await startServer();
    await server.connect();
    const leaving = await server.connect();
    leaving.send('QUIT');
    expect(await leaving.nextLine()).toBe('BYE');
    await leaving.closedByServer();

    // The server learns of the close a moment after the client does: ask again, a bounded number of times.
    let line = await stats(server);
    for (let attempt = 0; attempt < 20 && !line.startsWith('stats connections=1 '); attempt += 1) {
      await sleep(50);
      line = await stats(server);
    }
    expect(line).toMatch(statsFormat);
    expect(line).toMatch(/^stats connections=1 inflight=0 served=3 /);
  });

  it('reports uptime in whole seconds since the start', async () => {
    const server = await startServer();
    await sleep(1100);
    const [, , , , uptime] = (await stats(server)).match(statsFormat) ?? [];
    expect(Number(uptime)).toBeGreaterThanOrEqual(1);
    expect(Number(uptime)).toBeLessThan(60);
  });
});
