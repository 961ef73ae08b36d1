/**
 * A client for the framed echo server: sends each word as one message with the reference
 * sendMessages, half-closes, and prints what comes back until the server ends its side.
 * With --claim N it sends only a header announcing N bytes, to watch the server refuse it.
 */
import net from 'node:net';
import { FrameDecoder, FrameError, FRAME_HEADER_SIZE } from '#solutions/04-tcp/framing.ts';
import { sendMessages } from '#solutions/04-tcp/send-messages.ts';

export interface ClientOptions {
  readonly port: number;
  readonly host: string;
  readonly words: readonly string[];
  /** Send a bare header announcing this many bytes instead of the words. */
  readonly claim?: number;
}

export function runClient(options: ClientOptions): void {
  const socket = net.connect({ port: options.port, host: options.host });
  const decoder = new FrameDecoder();
  let saidBye = false;

  socket.on('connect', () => {
    if (options.claim !== undefined) {
      const header = Buffer.alloc(FRAME_HEADER_SIZE);
      header.writeUInt32BE(options.claim);
      console.log(`sending a header that announces ${options.claim} bytes, and no body; keeping the connection open`);
      socket.write(header);
      return;
    }
    const messages = options.words.map((word) => Buffer.from(word));
    sendMessages(socket, messages).then(
      (stats) => {
        console.log(`sent ${stats.messages} messages (${stats.bytes} bytes with headers); half-closing: socket.end() sends our FIN`);
        socket.end();
      },
      (error: unknown) => console.error(`client: ${String(error)}`),
    );
  });
  socket.on('data', (chunk: Buffer) => {
    for (const message of decoder.push(chunk)) {
      saidBye ||= message.toString().startsWith('BYE ');
      console.log(`got a ${message.length}-byte message: ${JSON.stringify(message.toString())}`);
    }
  });
  socket.on('end', () => {
    try {
      decoder.end();
      console.log(saidBye ? 'the server ended its side (FIN) after BYE: done' : 'the server closed without BYE: it refused what we sent');
    } catch (error) {
      console.log(`the server ended inside a frame: ${error instanceof FrameError ? error.code : String(error)}`);
    }
  });
  socket.on('close', (hadError) => console.log(hadError ? 'connection closed with an error' : 'connection closed'));
  socket.on('error', (error) => {
    console.error(`client: ${error.message}`);
    process.exitCode = 1;
  });
}
