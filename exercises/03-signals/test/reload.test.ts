import { afterEach, describe, expect, it } from 'vitest';
import { cleanUp, startServer, startSlowRequest } from './server-process.ts';

afterEach(cleanUp);

const reloaded = /^config reloaded/;
const reloadFailed = /^config reload failed/;

describe('03-signals: SIGHUP reloads the config', () => {
  it('gives an open connection the new greeting, without closing it', async () => {
    const server = await startServer({ greeting: 'hello' });
    const client = await server.connect();
    client.send('HELLO');
    expect(await client.nextLine()).toBe('hello');

    server.writeConfig({ greeting: 'bonjour' });
    server.signal('SIGHUP');
    await server.process.waitForLine(reloaded);
    client.send('HELLO');
    expect(await client.nextLine()).toBe('bonjour');
    const newcomer = await server.connect();
    newcomer.send('HELLO');
    expect(await newcomer.nextLine()).toBe('bonjour');
  });

  it('reports a bad config, keeps the old one and keeps serving', async () => {
    const server = await startServer({ greeting: 'hello' });
    const client = await server.connect();
    const badConfigs = ['{ "greeting": ', JSON.stringify({ greeting: 42 }), JSON.stringify({ greting: 'typo' })];

    for (const [index, bad] of badConfigs.entries()) {
      server.writeConfig(bad);
      server.signal('SIGHUP');
      await server.waitForLines(reloadFailed, index + 1);
      client.send('HELLO');
      expect(await client.nextLine(), `after reloading ${bad}`).toBe('hello');
    }
    client.send('PING');
    expect(await client.nextLine()).toBe('PONG');
    expect(server.process.stdout()).not.toMatch(reloaded);
  });

  it('uses the reloaded shutdown deadline for the next shutdown', async () => {
    const server = await startServer({ shutdownDeadlineMs: 30_000 });
    const busy = await server.connect();
    await startSlowRequest(busy, 20_000);

    server.writeConfig({ shutdownDeadlineMs: 200 });
    server.signal('SIGHUP');
    await server.process.waitForLine(reloaded);
    server.signal('SIGTERM');
    expect(await server.process.waitForExit(5000)).toEqual({ code: 0, signal: null });
  });
});
