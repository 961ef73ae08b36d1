/**
 * Backpressure, watched. A local server stalls (does not read) for a while, then reads; the client
 * sends `totalMiB` of messages to it, either with the reference sendMessages (waits for 'drain'
 * whenever write() returns false) or, with ignoreBackpressure, by calling write() in a loop.
 * Every 250 ms it prints how much is sent, queued in Node (writableLength) and the process RSS.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import { FrameDecoder, encodeFrame } from '#solutions/04-tcp/framing.ts';
import { sendMessages } from '#solutions/04-tcp/send-messages.ts';

export interface FloodOptions {
  readonly totalMiB: number;
  readonly messageSize: number;
  /** How long the reader ignores the connection before reading. */
  readonly stallMs: number;
  /** A slow reader: pause this long after every chunk. */
  readonly readDelayMs: number;
  readonly ignoreBackpressure: boolean;
}

const MiB = 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** Reads framed messages, slowly if asked to, and resolves with their count and sha256. */
function startReader(options: FloodOptions): Promise<{ port: number; done: Promise<{ messages: number; digest: string }> }> {
  let finish: (result: { messages: number; digest: string }) => void = () => {};
  const done = new Promise<{ messages: number; digest: string }>((resolve) => (finish = resolve));
  const server = net.createServer((socket) => {
    const decoder = new FrameDecoder({ maxMessageSize: options.messageSize });
    const hash = createHash('sha256');
    let messages = 0;
    socket.pause();
    console.log(`reader: not reading for ${options.stallMs} ms; the kernel buffers fill up`);
    setTimeout(() => {
      console.log('reader: reading now');
      socket.resume();
    }, options.stallMs);
    socket.on('data', (chunk: Buffer) => {
      for (const message of decoder.push(chunk)) {
        messages += 1;
        hash.update(message);
      }
      if (options.readDelayMs > 0) {
        socket.pause();
        setTimeout(() => socket.resume(), options.readDelayMs);
      }
    });
    socket.on('end', () => {
      decoder.end();
      finish({ messages, digest: hash.digest('hex') });
      server.close();
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as net.AddressInfo).port, done }));
  });
}

export async function runFlood(options: FloodOptions): Promise<void> {
  const reader = await startReader(options);
  const socket = net.connect({ port: reader.port, host: '127.0.0.1' });
  await new Promise((resolve) => socket.once('connect', resolve));

  const count = Math.ceil((options.totalMiB * MiB) / options.messageSize);
  const payload = Buffer.alloc(options.messageSize, 'x');
  const sentHash = createHash('sha256');
  let sentBytes = 0;
  let drains = 0;
  let largestQueue = 0;
  // A generator: sendMessages pulls the next message only when it is ready to write it.
  function* messages(): Generator<Buffer> {
    for (let i = 0; i < count; i += 1) {
      payload.writeUInt32BE(i, 0);
      sentHash.update(payload);
      sentBytes += payload.length;
      yield payload;
    }
  }
  socket.on('drain', () => (drains += 1));
  const report = (): void => {
    largestQueue = Math.max(largestQueue, socket.writableLength);
    const rss = process.memoryUsage().rss;
    console.log(`sent ${mib(sentBytes).padStart(9)}  queued in Node ${mib(socket.writableLength).padStart(9)}  'drain' events ${String(drains).padStart(5)}  rss ${mib(rss)}`);
  };
  const ticker = setInterval(report, 250);

  const started = Date.now();
  if (options.ignoreBackpressure) {
    console.log(`writer: ${count} messages of ${options.messageSize} bytes, write() in a loop, return value ignored`);
    for (const message of messages()) socket.write(encodeFrame(message, { maxMessageSize: options.messageSize }));
    report();
  } else {
    console.log(`writer: ${count} messages of ${options.messageSize} bytes with sendMessages (waits for 'drain')`);
    const stats = await sendMessages(socket, messages(), { maxMessageSize: options.messageSize });
    console.log(`writer: write() returned false ${stats.drainWaits} times; each time it waited for 'drain'`);
  }
  socket.end();
  const received = await reader.done;
  clearInterval(ticker);
  report();
  const intact = received.digest === sentHash.digest('hex');
  console.log(`\nreader got ${received.messages}/${count} messages in ${Date.now() - started} ms, ${intact ? 'sha256 matches' : 'sha256 DIFFERS'}`);
  console.log(`largest queue in Node's writable buffer: ${mib(largestQueue)}`);
}
