/**
 * A WebSocket server straight on node:net: the HTTP head read by hand, the
 * handshake answered by hand, then the connection handed to the SFU's own
 * WebSocketConnection (server/src/websocket). The production server does the
 * same on node:http's 'upgrade' event; here every step is in sight.
 *
 * Messages are echoed, except three commands:
 *   flood <n>            send n messages of 64 KiB as fast as send() takes them
 *   ping                 send a Ping
 *   close <code> [why]   start the closing handshake
 */
import net from 'node:net';
import {
  FrameParser,
  HandshakeError,
  MAX_HEAD_BYTES,
  WebSocketConnection,
  acceptResponseHead,
  checkUpgradeRequest,
  findHeadEnd,
  parseRequestHead,
  rejectResponseHead,
} from '#server/websocket/index.ts';
import { describeFrame } from './describe.ts';

export interface TinyServerOptions {
  port: number;
  host: string;
  /** Print every frame that arrives. */
  trace: boolean;
  maxQueuedBytes: number;
  log: (line: string) => void;
}

const FLOOD_MESSAGE = new Uint8Array(64 * 1024).fill(0x61);

export function startTinyServer(options: TinyServerOptions): Promise<net.Server> {
  let nextId = 1;
  const server = net.createServer((socket) => {
    const id = nextId++;
    const log = (line: string): void => options.log(`[${id}] ${line}`);
    log(`TCP connection from ${socket.remoteAddress}:${socket.remotePort}`);
    socket.on('error', (error) => log(`socket error: ${error.message}`));

    // Step 1: collect bytes until the blank line that ends the HTTP head.
    let received = Buffer.alloc(0);
    const onHead = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const end = findHeadEnd(received);
      if (end === -1) {
        if (received.length > MAX_HEAD_BYTES) refuse(new HandshakeError('MALFORMED_REQUEST', 'websocket: request head too large'));
        return;
      }
      socket.off('data', onHead);
      upgrade(received.subarray(0, end).toString('latin1'), received.subarray(end));
    };
    const refuse = (error: HandshakeError): void => {
      log(`refused: ${error.status} ${error.code} (${error.message})`);
      socket.end(rejectResponseHead(error));
    };

    // Step 2: check the request (RFC 6455 §4.2.1) and answer 101 with the accept key.
    const upgrade = (headText: string, rest: Uint8Array): void => {
      let accept;
      try {
        const head = parseRequestHead(headText);
        log(`${head.method} ${head.url} HTTP/${head.httpVersion}  key ${head.headers['sec-websocket-key'] ?? '(none)'}`);
        accept = checkUpgradeRequest(head);
      } catch (error) {
        if (error instanceof HandshakeError) return refuse(error);
        throw error;
      }
      socket.write(acceptResponseHead(accept));
      log(`101 Switching Protocols  accept ${accept.accept}`);
      if (options.trace) traceFrames(socket, rest, log);
      serve(new WebSocketConnection(socket, { role: 'server', head: rest, maxQueuedBytes: options.maxQueuedBytes }), log);
    };
    socket.on('data', onHead);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** A second reader on the same bytes: parses them again only to print them. */
function traceFrames(socket: net.Socket, head: Uint8Array, log: (line: string) => void): void {
  const parser = new FrameParser({ expectMasked: true });
  const read = (chunk: Uint8Array): void => {
    parser.push(chunk);
    try {
      for (let frame = parser.next(); frame !== undefined; frame = parser.next()) log(`← ${describeFrame(frame)}`);
    } catch (error) {
      log(`← bad frame: ${(error as Error).message}`);
      socket.off('data', read);
    }
  };
  read(head);
  socket.on('data', read);
}

function serve(connection: WebSocketConnection, log: (line: string) => void): void {
  connection.on('message', ({ data, binary }) => {
    const text = binary ? '' : (data as string);
    const [command, ...args] = text.split(' ');
    if (command === 'flood') return flood(connection, Number(args[0] ?? 100), log);
    if (command === 'ping') return void connection.ping(new TextEncoder().encode('lab'));
    if (command === 'close') return connection.close(Number(args[0] ?? 1000), args.slice(1).join(' '));
    connection.send(data);
    log(`→ echo ${binary ? `${data.length} bytes binary` : JSON.stringify(text.slice(0, 60))}`);
  });
  connection.on('pong', (payload) => log(`← pong ${JSON.stringify(new TextDecoder().decode(payload))}`));
  connection.on('error', (error) => log(`failing the connection: ${error.code} → close ${error.closeCode}`));
  connection.on('close', ({ code, reason, wasClean }) => log(`closed: code ${code} ${JSON.stringify(reason)} wasClean=${wasClean}`));
}

/** Sends until the connection gives up; prints how much is buffered on the way. */
async function flood(connection: WebSocketConnection, count: number, log: (line: string) => void): Promise<void> {
  log(`flood: sending ${count} × 64 KiB`);
  for (let i = 0; i < count && connection.readyState === 'open'; i++) {
    connection.send(FLOOD_MESSAGE);
    if (i % 32 === 31) {
      log(`flood: ${i + 1} sent, bufferedAmount ${connection.bufferedAmount} bytes`);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  log(`flood: done, readyState ${connection.readyState}, bufferedAmount ${connection.bufferedAmount}`);
}
