import type net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFrameEchoServer } from '../echo-server.ts';
import type { FrameError } from '../framing.ts';
import { OpenHandles, collect, connect, frame, header, portOf, randomBytes, seededRandom, sha256, splitFrames, within } from './wire.ts';

const handles = new OpenHandles();
afterEach(() => handles.closeAll());

interface Started {
  readonly server: net.Server;
  readonly port: number;
  /** The codes passed to onFrameError, in order. */
  readonly frameErrors: string[];
}

async function start(maxMessageSize?: number): Promise<Started> {
  const frameErrors: string[] = [];
  const onFrameError = (error: FrameError): void => void frameErrors.push(error.code);
  const server = handles.server(await startFrameEchoServer({ port: 0, host: '127.0.0.1', maxMessageSize, onFrameError }));
  return { server, port: portOf(server), frameErrors };
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('04-tcp: framed echo server', () => {
  it('echoes each message, then answers the client half-close with BYE and ends its side', async () => {
    const { port } = await start();
    const client = await connect(handles, port);
    const received = collect(client);
    // The FIN leaves with the data: every echo and the BYE are written after it arrived.
    client.end(Buffer.concat([frame('alpha'), frame(''), frame('gamma')]));
    const { bytes, ended } = await within(received, 3000, 'the server closing the connection');
    expect(splitFrames(bytes)).toEqual({ payloads: ['alpha', '', 'gamma', 'BYE 3 10'], rest: Buffer.alloc(0) });
    expect(ended, 'the server ended with a FIN rather than a reset').toBe(true);
  });

  it('echoes a message that arrives one byte at a time', async () => {
    const { port } = await start();
    const client = await connect(handles, port);
    client.setNoDelay(true);
    const received = collect(client);
    for (const byte of frame('slowly')) {
      client.write(Uint8Array.of(byte));
      await sleep(2);
    }
    client.end();
    expect(splitFrames((await within(received, 3000, 'the echo')).bytes).payloads).toEqual(['slowly', 'BYE 1 6']);
  });

  it('echoes 200 frames written back to back, which arrive coalesced into a few reads', async () => {
    const { port } = await start();
    const client = await connect(handles, port);
    const received = collect(client);
    const messages = Array.from({ length: 200 }, (_, i) => `m${i}`);
    messages.forEach((message) => client.write(frame(message)));
    client.end();
    const payloadBytes = messages.join('').length;
    const { payloads } = splitFrames((await within(received, 3000, 'the echoes')).bytes);
    expect(payloads).toEqual([...messages, `BYE 200 ${payloadBytes}`]);
  });

  it('stops reading from a client that does not read its echoes, then delivers every echo intact', async () => {
    const { server, port } = await start();
    let serverSide: net.Socket | undefined;
    server.on('connection', (socket) => (serverSide = socket));
    const client = await connect(handles, port);
    client.pause();
    const received = collect(client);

    const random = seededRandom(0xec40);
    const messages = Array.from({ length: 512 }, () => randomBytes(random, 64 * 1024));
    // A firehose on purpose: 32 MiB written without waiting, while nobody reads the echoes.
    messages.forEach((message) => client.write(frame(message)));
    client.end();

    let largestServerBuffer = 0;
    const sampler = setInterval(() => (largestServerBuffer = Math.max(largestServerBuffer, serverSide?.writableLength ?? 0)), 2);
    await sleep(400);
    clearInterval(sampler);
    client.resume();

    const { bytes } = await within(received, 10_000, 'all 32 MiB of echoes');
    expect(largestServerBuffer, 'bytes queued in the server while the client was not reading').toBeLessThan(2 * 1024 * 1024);
    const bye = frame(`BYE 512 ${512 * 64 * 1024}`);
    expect(sha256(bytes)).toBe(sha256(...messages.map((m) => frame(m)), bye));
  });

  it('refuses an oversized header at once, without waiting for its body', async () => {
    const started = await start(1024);
    const client = await connect(handles, started.port);
    const received = collect(client);
    // A million bytes announced, ten sent, and the connection left open.
    client.write(Buffer.concat([header(1_000_000), Buffer.alloc(10)]));
    const { bytes } = await within(received, 2000, 'the server dropping the connection');
    expect(started.frameErrors).toEqual(['FRAME_TOO_LARGE']);
    expect(splitFrames(bytes).payloads).toEqual([]);
  });

  it('drops a client whose FIN cuts a frame short: TRUNCATED_FRAME and no BYE', async () => {
    const started = await start();
    const client = await connect(handles, started.port);
    const received = collect(client);
    client.end(Buffer.concat([frame('whole'), header(10), Buffer.from('abc')]));
    const { bytes } = await within(received, 2000, 'the server dropping the connection');
    expect(started.frameErrors).toEqual(['TRUNCATED_FRAME']);
    expect(splitFrames(bytes).payloads.filter((payload) => payload.startsWith('BYE'))).toEqual([]);
  });

  it('keeps a decoder per connection: interleaved partial frames from two clients stay apart', async () => {
    const { port } = await start();
    const first = await connect(handles, port);
    const second = await connect(handles, port);
    const firstReceived = collect(first);
    const secondReceived = collect(second);
    const firstFrame = frame('from the first');
    first.write(firstFrame.subarray(0, 6));
    await sleep(20);
    second.end(frame('from the second'));
    await sleep(20);
    first.end(firstFrame.subarray(6));
    const [firstBytes, secondBytes] = await within(Promise.all([firstReceived, secondReceived]), 3000, 'both echoes');
    expect(splitFrames(firstBytes.bytes).payloads).toEqual(['from the first', 'BYE 1 14']);
    expect(splitFrames(secondBytes.bytes).payloads).toEqual(['from the second', 'BYE 1 15']);
  });
});
