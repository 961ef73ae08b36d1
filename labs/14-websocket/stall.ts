/**
 * A client that asks for a flood and then does not read: the handshake and one
 * masked frame written by hand over node:net, then socket.pause(). What the
 * server does about it is the lesson: its queue grows to its bound and it
 * fails the connection with 1008. When this client reads again, it finds the
 * data the kernels buffered, then the server's Close frame.
 */
import net from 'node:net';
import { FrameParser, Opcode, checkUpgradeResponse, clientRequestHead, findHeadEnd, generateKey, newMaskingKey, parseResponseHead, serializeFrame } from '#server/websocket/index.ts';
import { describeFrame } from './describe.ts';

export async function stall(url: URL, options: { count: number; seconds: number }): Promise<void> {
  const socket = net.connect(Number(url.port || 80), url.hostname);
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const key = generateKey();
  socket.write(clientRequestHead({ resource: url.pathname, host: url.host, key }));
  let received = Buffer.alloc(0);
  for (;;) {
    const chunk = await new Promise<Buffer>((resolve) => socket.once('data', resolve));
    received = Buffer.concat([received, chunk]);
    const end = findHeadEnd(received);
    if (end === -1) continue;
    checkUpgradeResponse(parseResponseHead(received.subarray(0, end).toString('latin1')), key);
    received = received.subarray(end);
    break;
  }
  socket.pause();
  socket.write(serializeFrame({ fin: true, opcode: Opcode.Text, maskingKey: newMaskingKey(), payload: new TextEncoder().encode(`flood ${options.count}`) }));
  console.log(`asked for ${options.count} × 64 KiB; not reading for ${options.seconds} s (watch the server)`);
  await new Promise((resolve) => setTimeout(resolve, options.seconds * 1000));

  console.log('reading again');
  const parser = new FrameParser({ expectMasked: false });
  parser.push(received);
  let messages = 0;
  let bytes = 0;
  const started = Date.now();
  socket.on('data', (chunk: Buffer) => {
    parser.push(chunk);
    for (let frame = parser.next(); frame !== undefined; frame = parser.next()) {
      if (frame.opcode === Opcode.Close) {
        console.log(`after ${messages} messages (${bytes} bytes): ${describeFrame(frame)}`);
      } else {
        messages++;
        bytes += frame.payload.length;
      }
    }
  });
  socket.resume();
  await new Promise((resolve) => socket.once('close', resolve));
  console.log(`TCP closed by the server after ${Date.now() - started} ms of reading; ${messages} messages, ${bytes} bytes received in all`);
}
