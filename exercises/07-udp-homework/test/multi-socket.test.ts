import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { BindError, bindSockets, type BoundSocket, type SocketGroup } from '../multi-socket.ts';

const HOST = '127.0.0.1';
const groups: SocketGroup[] = [];
const helpers: dgram.Socket[] = [];

afterEach(async () => {
  helpers.splice(0).forEach((socket) => {
    try {
      socket.close();
    } catch {
      // already closed
    }
  });
  await Promise.all(groups.splice(0).map((group) => group.close()));
});

async function bind(options: Parameters<typeof bindSockets>[0]): Promise<SocketGroup> {
  const group = await bindSockets(options);
  groups.push(group);
  return group;
}

/** A socket of the test's own on `port` (0: any); it is closed after the test. */
function helperSocket(port = 0): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  helpers.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, HOST, () => resolve(socket));
  });
}

/** Ports that were free a moment ago: bound on port 0 by the kernel, then released. */
async function freePorts(n: number): Promise<number[]> {
  const sockets = await Promise.all(Array.from({ length: n }, () => helperSocket()));
  const ports = sockets.map((socket) => socket.address().port);
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  for (const socket of sockets) helpers.splice(helpers.indexOf(socket), 1);
  return ports;
}

/** True when the test itself can bind `port` now (then releases it). */
async function isFree(port: number): Promise<boolean> {
  try {
    const socket = await helperSocket(port);
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return true;
  } catch {
    return false;
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
}

describe('07-udp-homework: bindSockets binds them all', () => {
  it('binds count sockets on distinct kernel-chosen ports and tells onMessage which one a datagram came to', async () => {
    const arrivals: Array<{ text: string; index: number; port: number }> = [];
    const group = await bind({
      count: 3,
      host: HOST,
      onMessage: (datagram, from, bound) => {
        arrivals.push({ text: datagram.toString(), index: bound.index, port: bound.port });
        bound.socket.send(`echo ${datagram}`, from.port, from.address);
      },
    });
    expect(group.sockets.map((s) => s.index)).toEqual([0, 1, 2]);
    const ports = group.sockets.map((s) => s.port);
    expect(new Set(ports).size).toBe(3);
    for (const s of group.sockets) {
      expect(s.port).toBeGreaterThan(0);
      expect(s.socket.address()).toMatchObject({ address: HOST, port: s.port });
      expect(s.name).toBe(`${HOST}:${s.port}`);
    }
    const client = await helperSocket();
    const replies = new Promise<string[]>((resolve) => {
      const got: string[] = [];
      client.on('message', (reply) => {
        got.push(reply.toString());
        if (got.length === 3) resolve(got.sort());
      });
    });
    group.sockets.forEach((s, i) => client.send(`to ${i}`, s.port, HOST));
    expect(await replies).toEqual(['echo to 0', 'echo to 1', 'echo to 2']);
    expect(arrivals.sort((a, b) => a.index - b.index)).toEqual(group.sockets.map((s, i) => ({ text: `to ${i}`, index: i, port: s.port })));
  });

  it('binds exactly the ports asked for, in that order', async () => {
    const ports = await freePorts(3);
    const group = await bind({ ports, host: HOST });
    expect(group.sockets.map((s) => s.port)).toEqual(ports);
    expect(group.sockets.map((s) => s.socket.address().port)).toEqual(ports);
  });

  it('defaults to 127.0.0.1', async () => {
    const group = await bind({ count: 1 });
    expect(group.sockets[0]!.socket.address().address).toBe('127.0.0.1');
  });
});

describe('07-udp-homework: bindSockets binds none when one fails', () => {
  it('rejects with a BindError EADDRINUSE naming the taken port, and leaves the other ports free', async () => {
    const [first, last] = await freePorts(2);
    const holder = await helperSocket();
    const taken = holder.address().port;
    const error = await rejection(bindSockets({ ports: [first!, taken, last!], host: HOST }));
    expect(error).toBeInstanceOf(BindError);
    expect(error).toMatchObject({ code: 'EADDRINUSE', port: taken, host: HOST });
    expect(await isFree(first!)).toBe(true);
    expect(await isFree(last!)).toBe(true);
  });

  it('treats a port listed twice as taken, and leaves it free', async () => {
    const [port] = await freePorts(1);
    const error = await rejection(bindSockets({ ports: [port!, port!], host: HOST }));
    expect(error).toMatchObject({ name: 'BindError', code: 'EADDRINUSE', port });
    expect(await isFree(port!)).toBe(true);
  });

  it('reports EADDRNOTAVAIL for an address this machine does not have', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never a local address, and binding sends nothing.
    const error = await rejection(bindSockets({ count: 2, host: '192.0.2.1' }));
    expect(error).toBeInstanceOf(BindError);
    expect(error).toMatchObject({ code: 'EADDRNOTAVAIL', host: '192.0.2.1' });
  });

  it('refuses bad options before binding anything', async () => {
    const [port] = await freePorts(1);
    expect(await rejection(bindSockets({ host: HOST }))).toBeInstanceOf(TypeError);
    expect(await rejection(bindSockets({ ports: [port!], count: 1, host: HOST }))).toBeInstanceOf(TypeError);
    for (const options of [{ ports: [] }, { ports: [port!, 70_000] }, { ports: [1.5] }, { count: 0 }, { count: 2.5 }, { count: 100_000 }]) {
      expect(await rejection(bindSockets({ ...options, host: HOST })), JSON.stringify(options)).toBeInstanceOf(RangeError);
    }
    expect(await isFree(port!)).toBe(true);
  });
});

describe('07-udp-homework: a bound group', () => {
  it('passes errors a socket reports later to onError, and never crashes without one', async () => {
    const seen: Array<[string, number]> = [];
    const withHook = await bind({ count: 2, host: HOST, onError: (error, bound: BoundSocket) => seen.push([error.message, bound.index]) });
    withHook.sockets[1]!.socket.emit('error', new Error('ICMP said no'));
    expect(seen).toEqual([['ICMP said no', 1]]);
    const withoutHook = await bind({ count: 1, host: HOST });
    expect(() => withoutHook.sockets[0]!.socket.emit('error', new Error('nobody listens'))).not.toThrow();
  });

  it('close() closes every socket, frees the ports, and may be called twice', async () => {
    const group = await bindSockets({ count: 3, host: HOST });
    const closed = group.sockets.map((s) => new Promise<void>((resolve) => s.socket.once('close', () => resolve())));
    await Promise.all([group.close(), group.close()]);
    await Promise.all(closed);
    for (const { port } of group.sockets) expect(await isFree(port)).toBe(true);
    await group.close();
  });
});
