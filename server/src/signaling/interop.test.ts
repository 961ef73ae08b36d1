/**
 * client.ts against the standard WebSocket interface of an independent
 * implementation: Node's bundled undici WebSocket (Node 20: behind
 * --experimental-websocket, in a child process). The client uses its
 * default socket factory, `new globalThis.WebSocket(url)`, as in a browser.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SignalingServer } from './server.ts';

const SCRIPT = `
import { SignalingClient } from './server/src/signaling/client.ts';
const url = process.argv.at(-1);
const alice = await SignalingClient.connect(url);
const bob = await SignalingClient.connect(url);
const a = await alice.request('join', { room: 'interop', name: 'alice' });
const joined = alice.next('peerJoined');
const b = await bob.request('join', { room: 'interop', name: 'bob' });
const relayed = bob.next('relayed');
await alice.request('relay', { to: b.peerId, payload: { kind: 'candidate', candidate: null } });
const error = await bob.request('leave', {}).then(() => bob.request('leave', {})).catch((e) => e.code);
console.log(JSON.stringify({ peers: b.peers.length, joined: (await joined).name, relayed: (await relayed).from === a.peerId, error }));
alice.close();
bob.close();
`;

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('SignalingClient on the standard WebSocket (undici)', () => {
  it('joins, hears the other peer, relays, and gets typed errors', async () => {
    const server = http.createServer();
    const signaling = new SignalingServer().attach(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanup = async () => {
      await signaling.close();
      await new Promise((resolve) => server.close(resolve));
    };
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '--import', 'tsx', '--input-type=module', '-e', SCRIPT, url], {
      cwd: new URL('../../../', import.meta.url),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill(), 10_000);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    const [code] = (await once(child, 'close')) as [number];
    clearTimeout(timer);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ peers: 1, joined: 'bob', relayed: true, error: 'NOT_JOINED' });
  });
});
