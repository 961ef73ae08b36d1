import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameError } from '../framing.ts';
import { sendMessages } from '../send-messages.ts';
import { OpenHandles, collect, connect, eventually, frame, portOf, randomBytes, seededRandom, sha256, within, type Received } from './wire.ts';

const handles = new OpenHandles();
afterEach(() => handles.closeAll());

interface Receiver {
  readonly port: number;
  /** Everything the first client sent, once it has closed. */
  readonly received: Promise<Received>;
}

/** A server that collects what its first client sends; it starts reading only when `startReading` says so. */
async function startReceiver(startReading: () => Promise<unknown> = async () => {}): Promise<Receiver> {
  let deliver: (received: Promise<Received>) => void = () => {};
  const received = new Promise<Received>((resolve) => (deliver = resolve));
  const server = handles.server(
    net.createServer((socket) => {
      socket.pause();
      deliver(collect(socket));
      void startReading().then(() => socket.resume());
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: portOf(server), received };
}

/** Counts write() calls made while the socket still wanted a 'drain'. */
function countWritesBeforeDrain(socket: net.Socket): () => number {
  let early = 0;
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  (socket as unknown as { write: (...args: unknown[]) => boolean }).write = (...args) => {
    if (socket.writableNeedDrain) early += 1;
    return write(...args);
  };
  return () => early;
}

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await within(promise, 3000, 'sendMessages to settle');
    return 'resolved';
  } catch (error) {
    return error instanceof FrameError ? error.code : `not a FrameError: ${String(error)}`;
  }
}

describe('04-tcp: sendMessages', () => {
  it('writes each message as one frame, in order, and reports what it wrote', async () => {
    const receiver = await startReceiver();
    const client = await connect(handles, receiver.port);
    const stats = await sendMessages(client, [Buffer.from('alpha'), Buffer.alloc(0), Buffer.from('gamma')]);
    client.end();
    const { bytes } = await receiver.received;
    expect(bytes.equals(Buffer.concat([frame('alpha'), frame(''), frame('gamma')]))).toBe(true);
    expect(stats).toEqual({ messages: 3, bytes: 22, drainWaits: 0 });
  });

  it('takes its messages from an async generator', async () => {
    const receiver = await startReceiver();
    const client = await connect(handles, receiver.port);
    async function* produce(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 5; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        yield Buffer.from(`tick ${i}`);
      }
    }
    expect((await sendMessages(client, produce())).messages).toBe(5);
    client.end();
    const expected = Buffer.concat([0, 1, 2, 3, 4].map((i) => frame(`tick ${i}`)));
    expect((await receiver.received).bytes.equals(expected)).toBe(true);
  });

  it('waits for drain whenever write() returns false, and delivers 16 MiB intact to a slow reader', async () => {
    let client: net.Socket | undefined;
    // The reader starts only once the sender has filled every buffer on the way (or after 3 s).
    const receiver = await startReceiver(() => eventually(() => client?.writableNeedDrain === true || client?.destroyed === true, 3000));
    client = await connect(handles, receiver.port);
    const writesBeforeDrain = countWritesBeforeDrain(client);
    const drainListeners = client.listenerCount('drain');

    const random = seededRandom(0x5eed);
    const messages = Array.from({ length: 256 }, () => randomBytes(random, 64 * 1024));
    const stats = await within(sendMessages(client, messages), 10_000, 'sending 16 MiB');
    client.end();
    const { bytes } = await receiver.received;

    expect(writesBeforeDrain(), 'write() calls made before the drain it was waiting for').toBe(0);
    expect(stats.drainWaits).toBeGreaterThan(0);
    expect(stats).toMatchObject({ messages: 256, bytes: 256 * (4 + 64 * 1024) });
    expect(sha256(bytes)).toBe(sha256(...messages.map((m) => frame(m))));
    expect(client.listenerCount('drain'), 'drain listeners left behind').toBe(drainListeners);
  });

  it('rejects with SOCKET_CLOSED when the socket is destroyed while it waits for drain', async () => {
    const receiver = await startReceiver(() => new Promise(() => {}));
    const client = await connect(handles, receiver.port);
    const payload = Buffer.alloc(64 * 1024, 1);
    // Up to 64 MiB: far more than the kernel buffers hold while nobody reads.
    let settled = false;
    const outcome = rejectionCode(sendMessages(client, Array.from({ length: 1024 }, () => payload))).finally(() => (settled = true));
    await eventually(() => client.writableNeedDrain || settled, 3000);
    client.destroy();
    expect(await outcome).toBe('SOCKET_CLOSED');
  });

  it('rejects with SOCKET_CLOSED on a socket that is already closed', async () => {
    const receiver = await startReceiver();
    const client = await connect(handles, receiver.port);
    client.destroy();
    await new Promise((resolve) => client.once('close', resolve));
    expect(await rejectionCode(sendMessages(client, [Buffer.from('too late')]))).toBe('SOCKET_CLOSED');
  });

  it('rejects a message over the limit with FRAME_TOO_LARGE before writing any of it', async () => {
    const receiver = await startReceiver();
    const client = await connect(handles, receiver.port);
    const sending = sendMessages(client, [Buffer.from('ok'), Buffer.alloc(11)], { maxMessageSize: 10 });
    expect(await rejectionCode(sending)).toBe('FRAME_TOO_LARGE');
    client.end();
    expect((await receiver.received).bytes.equals(frame('ok'))).toBe(true);
  });
});
