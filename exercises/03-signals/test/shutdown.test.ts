import { afterEach, describe, expect, it } from 'vitest';
import { LineClient } from '#course/testing.ts';
import { cleanUp, connectStubborn, startServer, startSlowRequest } from './server-process.ts';

afterEach(cleanUp);

const shuttingDown = /^shutting down/;

describe('03-signals: the server and its protocol', () => {
  it('prints its address and its own pid once it is listening', async () => {
    const server = await startServer();
    expect(server.process.stdout()).toContain(`listening on 127.0.0.1:${server.port} pid ${server.process.pid}`);
  });

  it('answers PING, HELLO with the configured greeting, SLOW after the delay, and QUIT', async () => {
    const server = await startServer({ greeting: 'good morning' });
    const client = await server.connect();
    const exchanges: Array<[request: string, reply: string]> = [
      ['HELLO', 'good morning'],
      ['SLOW 200', 'DONE 200'],
      ['SLOW soon', 'ERR SLOW needs milliseconds from 0 to 60000'],
      ['SLOW 60001', 'ERR SLOW needs milliseconds from 0 to 60000'],
      ['DANCE', 'ERR unknown command DANCE'],
      ['QUIT', 'BYE'],
    ];
    for (const [request, reply] of exchanges) {
      client.send(request);
      expect(await client.nextLine(), request).toBe(reply);
    }
    await client.closedByServer();
  });
});

describe('03-signals: graceful shutdown on SIGTERM and SIGINT', () => {
  it('closes idle connections at once, lets the request in flight finish, then exits 0', async () => {
    const server = await startServer({ shutdownDeadlineMs: 10_000 });
    const idle = await server.connect();
    const busy = await server.connect();
    await startSlowRequest(busy, 1500);

    server.signal('SIGTERM');
    await server.process.waitForLine(shuttingDown);
    await idle.closedByServer(1000);
    expect(await busy.nextLine(5000)).toBe('DONE 1500');
    await busy.closedByServer();
    expect(await server.process.waitForExit(5000)).toEqual({ code: 0, signal: null });
  });

  it('refuses new connections as soon as the shutdown has begun', async () => {
    const server = await startServer({ shutdownDeadlineMs: 10_000 });
    const busy = await server.connect();
    await startSlowRequest(busy, 1500);

    server.signal('SIGTERM');
    await server.process.waitForLine(shuttingDown);
    await expect(LineClient.connect(server.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await busy.nextLine(5000)).toBe('DONE 1500');
  });

  it('treats SIGINT like SIGTERM and exits 0 when nothing is left to drain', async () => {
    const server = await startServer();
    const idle = await server.connect();

    server.signal('SIGINT');
    await server.process.waitForLine(shuttingDown);
    await idle.closedByServer();
    expect(await server.process.waitForExit()).toEqual({ code: 0, signal: null });
  });

  it('at the deadline closes whatever is still open and still exits 0', async () => {
    const server = await startServer({ shutdownDeadlineMs: 300 });
    const busy = await server.connect();
    await startSlowRequest(busy, 20_000);
    await connectStubborn(server.port);

    server.signal('SIGTERM');
    expect(await server.process.waitForExit(5000)).toEqual({ code: 0, signal: null });
    await expect(busy.nextLine(), 'the slow request was cut off, not answered').rejects.toThrow(/closed/);
  });

  const forcedExits = [
    { first: 'SIGTERM', second: 'SIGINT', code: 130 },
    { first: 'SIGINT', second: 'SIGTERM', code: 143 },
  ] as const;
  for (const { first, second, code } of forcedExits) {
    it(`${second} during a ${first} shutdown forces exit ${code} (128 + the signal's number)`, async () => {
      const server = await startServer({ shutdownDeadlineMs: 10_000 });
      const busy = await server.connect();
      await startSlowRequest(busy, 10_000);

      server.signal(first);
      await server.process.waitForLine(shuttingDown);
      server.signal(second);
      expect(await server.process.waitForExit(3000)).toEqual({ code, signal: null });
    });
  }
});
