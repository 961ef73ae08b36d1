import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { LossyUdpProxy, type LossyUdpProxyOptions } from './lossy-udp-proxy.ts';
import { NetemError } from './errors.ts';

const open: Array<{ close(): unknown }> = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function bound(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise<void>((resolve) => socket.close(() => resolve())) });
  return socket;
}

/** An echo server, a client, and the proxy between them. */
async function setup(options: Omit<LossyUdpProxyOptions, 'target'>) {
  const server = await bound();
  server.on('message', (datagram, from) => server.send(datagram, from.port, from.address));
  const proxy = await LossyUdpProxy.start({ target: { address: '127.0.0.1', port: server.address().port }, ...options });
  open.push(proxy);
  const client = await bound();
  const received: number[] = [];
  client.on('message', (datagram) => received.push(datagram.readUInt32BE(0)));
  const send = (n: number): void => {
    const datagram = Buffer.alloc(32);
    datagram.writeUInt32BE(n, 0);
    client.send(datagram, proxy.address.port, proxy.address.address);
  };
  return { server, proxy, client, received, send };
}

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('LossyUdpProxy', () => {
  it('forwards both ways on loopback when nothing is impaired', async () => {
    const { proxy, received, send } = await setup({});
    expect(proxy.address.address).toBe('127.0.0.1');
    for (let n = 0; n < 20; n++) send(n);
    await until(() => received.length === 20);
    expect(received).toEqual([...Array(20).keys()]);
    expect(proxy.stats).toMatchObject({ clients: 1, toTarget: { received: 20, delivered: 20 }, toClient: { received: 20, delivered: 20 } });
  });

  it('drops in one direction only, and counts what it dropped', async () => {
    const { proxy, received, send } = await setup({ toClient: { loss: 0.3 }, seed: 5 });
    for (let n = 0; n < 300; n++) send(n);
    await until(() => proxy.stats.toClient.received === 300 && received.length === proxy.stats.toClient.delivered);
    const { toTarget, toClient } = proxy.stats;
    expect(toTarget.dropped).toBe(0);
    expect(toClient.dropped).toBeGreaterThan(50);
    expect(toClient.dropped).toBeLessThan(130);
    expect(received.length).toBe(300 - toClient.dropped);
    expect(received).toEqual([...received].sort((a, b) => a - b));
  });

  it('reorders and duplicates, and the client sees exactly what the counters say', async () => {
    const { proxy, received, send } = await setup({ toTarget: { reorder: 0.2, duplicate: 0.1, reorderHoldMs: 20 }, seed: 3 });
    for (let n = 0; n < 200; n++) send(n);
    await until(() => received.length === 200 + proxy.stats.toTarget.duplicated && proxy.stats.toTarget.held === 0);
    expect(proxy.stats.toTarget.reordered).toBeGreaterThan(0);
    expect(new Set(received).size).toBe(200);
    expect(received).not.toEqual([...received].sort((a, b) => a - b));
  });

  it('delays by at least delayMs each way', async () => {
    const { received, send } = await setup({ toTarget: { delayMs: 30 }, toClient: { delayMs: 30 } });
    const started = performance.now();
    send(1);
    await until(() => received.length === 1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });

  it('keeps one upstream socket per client, so each gets its own answers', async () => {
    const { proxy } = await setup({});
    const clients = await Promise.all([bound(), bound()]);
    const answers = clients.map(() => [] as string[]);
    clients.forEach((client, i) => client.on('message', (datagram) => answers[i]!.push(datagram.toString())));
    clients.forEach((client, i) => client.send(`from ${i}`, proxy.address.port, proxy.address.address));
    await until(() => answers.every((list) => list.length === 1));
    expect(answers).toEqual([['from 0'], ['from 1']]);
    expect(proxy.stats.clients).toBe(2);
  });

  it('refuses clients over maxClients and ignores strays on an upstream socket', async () => {
    const { proxy, send, received } = await setup({ maxClients: 1 });
    send(1);
    await until(() => received.length === 1);
    const other = await bound();
    other.send('hi', proxy.address.port, proxy.address.address);
    await until(() => proxy.stats.refused === 1);
    expect(proxy.stats.clients).toBe(1);
  });

  it('counts a send to a target that is not listening instead of crashing', async () => {
    const nobody = await bound();
    const port = nobody.address().port;
    await new Promise<void>((resolve) => nobody.close(() => resolve()));
    open.pop();
    const proxy = await LossyUdpProxy.start({ target: { address: '127.0.0.1', port } });
    open.push(proxy);
    const client = await bound();
    for (let n = 0; n < 5; n++) client.send('x', proxy.address.port, proxy.address.address);
    await until(() => proxy.stats.toTarget.delivered === 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(proxy.stats.toTarget.received).toBe(5);
  });

  it('changes impairment on the fly, validates it, and closes cleanly twice', async () => {
    const { proxy, send, received } = await setup({});
    send(1);
    await until(() => received.length === 1);
    proxy.setImpairment('toTarget', { loss: 1 });
    send(2);
    await until(() => proxy.stats.toTarget.dropped === 1);
    expect(() => proxy.setImpairment('toClient', { loss: 2 })).toThrow(RangeError);
    await proxy.close();
    await proxy.close();
    expect(() => proxy.setImpairment('toTarget', {})).toThrow(NetemError);
  });

  it('rejects a bad impairment before binding anything', async () => {
    await expect(LossyUdpProxy.start({ target: { address: '127.0.0.1', port: 9 }, toTarget: { loss: -1 } })).rejects.toThrow(RangeError);
  });
});
