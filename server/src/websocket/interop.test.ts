/**
 * Our server against an independent client: the WHATWG WebSocket of Node's
 * bundled undici, which Node 20 exposes behind --experimental-websocket. It
 * runs in a child process, so this test needs no flag of its own.
 * (The web app's tests drive Chromium against the signaling endpoint.)
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestServer, startEchoServer } from './test-support.ts';

const CLIENT = `
const [url] = process.argv.slice(-1);
const socket = new WebSocket(url, ['echo']);
socket.binaryType = 'arraybuffer';
const received = [];
socket.onopen = () => {
  socket.send('hello from undici');
  socket.send('€'.repeat(30000));
  socket.send(new Uint8Array(70000).fill(7));
};
socket.onmessage = (event) => {
  received.push(typeof event.data === 'string' ? { text: event.data.length } : { binary: event.data.byteLength, sum: new Uint8Array(event.data).reduce((a, b) => a + b, 0) });
  if (received.length === 3) socket.close(4000, 'bye');
};
socket.onclose = (event) => {
  console.log(JSON.stringify({ protocol: socket.protocol, received, code: event.code, reason: event.reason, wasClean: event.wasClean }));
};
`;

let test: TestServer | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

function runClient(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', CLIENT, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill(), 10_000);
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`client exited ${code}: ${err}`));
    });
  });
}

describe('interop with an independent client (undici WebSocket)', () => {
  it('handshakes, negotiates a subprotocol, echoes text and binary, and closes cleanly with its code', async () => {
    test = await startEchoServer({ selectProtocol: (offered) => (offered.includes('echo') ? 'echo' : undefined) });
    const closes: number[] = [];
    test.websockets.on('connection', (connection) => connection.on('close', ({ code }) => closes.push(code)));
    const result = JSON.parse(await runClient(test.url)) as Record<string, unknown>;
    expect(result).toEqual({
      protocol: 'echo',
      received: [{ text: 17 }, { text: 30000 }, { binary: 70000, sum: 7 * 70000 }],
      code: 4000,
      reason: 'bye',
      wasClean: true,
    });
    expect(closes).toEqual([4000]);
  });
});
