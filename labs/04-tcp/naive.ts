/**
 * One write is not one read. The client makes `count` small writes and then one large one; the
 * server prints every 'data' event it gets, then what a naive reader ("one 'data' = one
 * message") and a framed reader (the reference FrameDecoder) make of them.
 */
import net from 'node:net';
import { FrameDecoder, encodeFrame } from '#solutions/04-tcp/framing.ts';

const LARGE_MESSAGE_SIZE = 256 * 1024;

function preview(chunk: Buffer): string {
  const text = chunk.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length - 60} more)` : text;
}

export function runNaiveDemo(count: number): void {
  const server = net.createServer((socket) => {
    const decoder = new FrameDecoder();
    let dataEvents = 0;
    let framed = 0;
    socket.on('data', (chunk: Buffer) => {
      dataEvents += 1;
      const messages = decoder.push(chunk);
      framed += messages.length;
      console.log(`'data' #${dataEvents}: ${String(chunk.length).padStart(6)} bytes, completes ${messages.length} frame(s)  ${preview(chunk)}`);
    });
    socket.on('end', () => {
      console.log(`\nthe client made ${count + 1} writes, one per message.`);
      console.log(`  a naive reader ("each 'data' is a message") saw ${dataEvents} messages`);
      console.log(`  the framed reader saw ${framed} messages`);
      console.log('Small writes made back to back were coalesced; the large one arrived in pieces.');
      server.close();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as net.AddressInfo;
    const client = net.connect({ port, host: '127.0.0.1' }, () => {
      console.log(`writing ${count} small messages in a loop, then one of ${LARGE_MESSAGE_SIZE} bytes\n`);
      for (let i = 0; i < count; i += 1) client.write(encodeFrame(Buffer.from(`hello ${i}`)));
      client.end(encodeFrame(Buffer.alloc(LARGE_MESSAGE_SIZE, 'L')));
    });
  });
}
