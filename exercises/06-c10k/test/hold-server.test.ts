import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { LineClient } from '#course/testing.ts';
import { startHoldServer, type HoldServer, type HoldServerOptions } from '../hold-server.ts';

/** Small scale on purpose: the lab holds 10,000; 200 real sockets are enough to grade the logic. */
const MANY = 200;

let running: HoldServer | undefined;
const clients: LineClient[] = [];
/** The fake clock every server in these tests reads; tests move it by hand. */
let clock = 0;

async function start(options: Partial<HoldServerOptions> = {}): Promise<HoldServer> {
  clock = 0;
  running = await startHoldServer({ port: 0, host: '127.0.0.1', now: () => clock, ...options });
  return running;
}

async function connect(): Promise<LineClient> {
  const client = await LineClient.connect(running!.port);
  clients.push(client);
  return client;
}

/** Connects `count` clients at once; returns them with their first line. */
async function connectMany(count: number): Promise<Array<{ client: LineClient; first: string }>> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const client = await connect();
      return { client, first: await client.nextLine() };
    }),
  );
}

async function greeted(): Promise<LineClient> {
  const client = await connect();
  expect(await client.nextLine()).toMatch(/^HELLO \d+$/);
  return client;
}

async function ask(client: LineClient, line: string): Promise<string> {
  client.send(line);
  return client.nextLine();
}

/** Polls a condition the server reaches asynchronously (a close seen on its side), bounded in time. */
async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}; stats: ${JSON.stringify(running?.stats())}`);
    await sleep(10);
  }
}

afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  const stopping = running;
  running = undefined;
  await stopping?.close();
});

describe('06-c10k: the hold server protocol', () => {
  it('greets, answers PING with its token, refuses unknown commands, and says BYE to QUIT', async () => {
    const hold = await start();
    const client = await connect();
    expect(await client.nextLine()).toBe('HELLO 1');
    expect(await ask(client, 'PING abc 42')).toBe('PONG abc 42');
    expect(await ask(client, 'PING')).toBe('PONG');
    expect(await ask(client, 'DANCE now')).toBe('ERR unknown command DANCE');
    client.socket.write('PI');
    await sleep(20);
    client.socket.write('NG x\r\nPING y\n');
    expect(await client.nextLine()).toBe('PONG x');
    expect(await client.nextLine()).toBe('PONG y');
    expect(await ask(client, 'QUIT')).toBe('BYE');
    await client.closedByServer();
    expect(hold.stats().messages).toBe(6);
    await until(() => hold.stats().connections === 0, 'the server has seen the close');
  });

  it(`holds ${MANY} connections at once and counts them`, async () => {
    const hold = await start();
    const opened = await connectMany(MANY);
    const counts = opened.map(({ first }) => Number(first.match(/^HELLO (\d+)$/)?.[1])).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: MANY }, (_, i) => i + 1));
    expect(hold.stats()).toMatchObject({ connections: MANY, peak: MANY, accepted: MANY, refused: 0 });

    opened.slice(0, 50).forEach(({ client }) => client.close());
    await until(() => hold.stats().connections === MANY - 50, 'the server has seen 50 closes');
    expect(hold.stats()).toMatchObject({ peak: MANY, accepted: MANY });
    const late = await connect();
    expect(await late.nextLine()).toBe(`HELLO ${MANY - 50 + 1}`);
  });

  it('survives a client that resets its connection, and forgets it', async () => {
    const hold = await start();
    const rude = await greeted();
    const polite = await greeted();
    rude.socket.resetAndDestroy();
    await until(() => hold.stats().connections === 1, 'the reset connection is forgotten');
    expect(await ask(polite, 'PING still-here')).toBe('PONG still-here');
  });

  it('close() ends every connection and stops listening', async () => {
    const hold = await start();
    const opened = await connectMany(10);
    const { port } = hold;
    running = undefined;
    await hold.close();
    await Promise.all(opened.map(({ client }) => client.closedByServer()));
    await expect(LineClient.connect(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('06-c10k: the hold server limits', () => {
  it(`evicts the idle connections and keeps the active ones (${MANY} sockets, a fake clock)`, async () => {
    const hold = await start({ idleTimeoutMs: 60_000 });
    const opened = (await connectMany(MANY)).map(({ client }) => client);
    const active = opened.filter((_, i) => i % 2 === 0);
    const silent = opened.filter((_, i) => i % 2 === 1);

    clock = 30_000;
    const pongs = await Promise.all(active.map((client, i) => ask(client, `PING ${i}`)));
    expect(pongs).toEqual(active.map((_, i) => `PONG ${i}`));

    clock = 59_999;
    expect(hold.sweep(), 'nobody has been idle for 60 s yet').toBe(0);
    clock = 70_000;
    expect(hold.sweep(), 'the silent half has been idle since 0').toBe(silent.length);
    expect(hold.stats().evicted).toBe(silent.length);

    const byes = await Promise.all(silent.map((client) => client.nextLine()));
    expect(new Set(byes)).toEqual(new Set(['BYE idle']));
    await Promise.all(silent.map((client) => client.closedByServer()));
    await until(() => hold.stats().connections === active.length, 'the evicted connections are closed');

    const stillServed = await Promise.all(active.map((client, i) => ask(client, `PING again-${i}`)));
    expect(stillServed).toEqual(active.map((_, i) => `PONG again-${i}`));
    clock = 130_000 - 1;
    expect(hold.sweep(), 'the active half last spoke at 70 s').toBe(0);
    clock = 130_000;
    expect(hold.sweep()).toBe(active.length);
  });

  it('any line counts as activity, and a connection ended for idleness is not served again', async () => {
    const hold = await start({ idleTimeoutMs: 1000 });
    const chatty = await greeted();
    const sleepy = await greeted();
    clock = 900;
    expect(await ask(chatty, 'NONSENSE')).toBe('ERR unknown command NONSENSE');
    clock = 1000;
    expect(hold.sweep()).toBe(1);
    sleepy.send('PING too-late');
    expect(await sleepy.nextLine()).toBe('BYE idle');
    await expect(sleepy.nextLine(), 'no PONG after BYE idle').rejects.toThrow(/closed/);
    clock = 1899;
    expect(hold.sweep(), 'the evicted connection is not evicted twice').toBe(0);
    expect(hold.stats().evicted).toBe(1);
    expect(await ask(chatty, 'PING')).toBe('PONG');
  });

  it('sweeps on its own timer every sweepIntervalMs', async () => {
    const hold = await start({ idleTimeoutMs: 1000, sweepIntervalMs: 20 });
    const client = await greeted();
    clock = 5000;
    expect(await client.nextLine()).toBe('BYE idle');
    expect(hold.stats().evicted).toBe(1);
  });

  it(`answers BUSY past maxConnections, and lets a client in again once one leaves`, async () => {
    const max = 150;
    const hold = await start({ maxConnections: max });
    const holders = await connectMany(max);
    const turnedAway = await connectMany(MANY - max);
    expect(turnedAway.map(({ first }) => first)).toEqual(Array(MANY - max).fill(`BUSY ${max}`));
    await Promise.all(turnedAway.map(({ client }) => client.closedByServer()));
    expect(hold.stats()).toMatchObject({ connections: max, peak: max, accepted: max, refused: MANY - max });

    holders.slice(0, 10).forEach(({ client }) => client.close());
    await until(() => hold.stats().connections === max - 10, 'ten holders have left');
    const next = await connect();
    expect(await next.nextLine()).toBe(`HELLO ${max - 10 + 1}`);
  });

  it('ends a connection whose unfinished line grows past maxLineBytes, and only that one', async () => {
    const hold = await start({ maxLineBytes: 64 });
    const fair = await greeted();
    const flooder = await greeted();
    const longestAllowed = 'PING ' + 'x'.repeat(59);
    expect(await ask(fair, longestAllowed)).toBe(`PONG ${'x'.repeat(59)}`);
    flooder.socket.write('PING ' + 'y'.repeat(100));
    expect(await flooder.nextLine()).toBe('ERR line too long');
    await flooder.closedByServer();
    expect(await ask(fair, 'PING ok')).toBe('PONG ok');
    await until(() => hold.stats().connections === 1, 'the flooder is gone');
  });
});
