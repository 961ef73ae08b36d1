/**
 * npm run lab -- 14-websocket accept [key]
 * npm run lab -- 14-websocket examples
 * npm run lab -- 14-websocket decode <hex>
 * npm run lab -- 14-websocket encode (--text <s> | --binary <n>) [--mask <8 hex>] [--fragment <n>]
 * npm run lab -- 14-websocket server [--port 8080] [--trace] [--max-queued <bytes>]
 * npm run lab -- 14-websocket client <url> [--trace] [message...]
 * npm run lab -- 14-websocket stall <url> [--count 200] [--seconds 3]
 */
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { FRAME_VECTORS, HANDSHAKE_EXAMPLE } from '#server/websocket/rfc6455-vectors.ts';
import { WEBSOCKET_GUID, connectWebSocket } from '#server/websocket/index.ts';
import { acceptKey, decodeFrame, encodeFrame, fragmentMessage } from '#solutions/14-websocket/frames.ts';
import { describeFrame, hexDump } from './describe.ts';
import { stall } from './stall.ts';
import { startTinyServer } from './tiny-server.ts';

const usage = `usage:
  npm run lab -- 14-websocket accept [key]
      Sec-WebSocket-Accept for a key, step by step (default: the RFC 6455 §1.3 key)
  npm run lab -- 14-websocket examples
      the frames of RFC 6455 §5.7, in hex and decoded
  npm run lab -- 14-websocket decode <hex>
      decode one or more frames written in hex (spaces allowed)
  npm run lab -- 14-websocket encode (--text <s> | --binary <n>) [--mask <8 hex digits>] [--fragment <n>]
      encode a message as frames: masked as a client would, fragmented into <n>-byte pieces
  npm run lab -- 14-websocket server [--port 8080] [--host 127.0.0.1] [--trace] [--max-queued <bytes>]
      a WebSocket echo server on node:net; messages "flood <n>", "ping", "close <code> [reason]" are commands
  npm run lab -- 14-websocket client <url> [--trace] [message...]
      connect, send each message (or stdin lines), print what comes back
  npm run lab -- 14-websocket stall <url> [--count 200] [--seconds 3]
      ask the server for a flood and do not read: see backpressure end in close code 1008
The encode/decode commands use the exercise's reference solution (solutions/14-websocket/frames.ts).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    text: { type: 'string' },
    binary: { type: 'string' },
    mask: { type: 'string' },
    fragment: { type: 'string' },
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    trace: { type: 'boolean', default: false },
    'max-queued': { type: 'string', default: String(256 * 1024) },
    count: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;

function fail(message: string): never {
  console.error(`14-websocket: ${message}`);
  process.exit(2);
}

function number(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) fail(`--${name} must be a whole number, got ${text}`);
  return value;
}

function runAccept(): void {
  const key = args[0] ?? HANDSHAKE_EXAMPLE.key;
  const sha1 = createHash('sha1').update(key + WEBSOCKET_GUID).digest();
  console.log(`Sec-WebSocket-Key     ${key}   (${Buffer.from(key, 'base64').length} bytes of base64)`);
  console.log(`+ GUID                ${key}${WEBSOCKET_GUID}`);
  console.log(`SHA-1                 ${sha1.toString('hex')}`);
  console.log(`Sec-WebSocket-Accept  ${acceptKey(key)}   (base64 of the SHA-1)`);
}

function printFrames(bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    // A client's frames are masked, a server's are not: read the MASK bit to decode either.
    const expectMasked = ((bytes[at + 1] ?? 0) & 0x80) !== 0;
    const decoded = decodeFrame(bytes.subarray(at), { expectMasked });
    if (decoded === undefined) return console.log(`  …${bytes.length - at} bytes left, not a whole frame`);
    console.log(`  ${describeFrame(decoded.frame)}   (${decoded.bytesRead} bytes on the wire)`);
    at += decoded.bytesRead;
  }
}

function runExamples(): void {
  for (const vector of FRAME_VECTORS) {
    console.log(`\n${vector.name}`);
    console.log(hexDump(vector.wire.subarray(0, 48)) + (vector.wire.length > 48 ? `\n  … ${vector.wire.length} bytes` : ''));
    printFrames(vector.wire);
  }
}

function runEncode(): void {
  const payload = values.text !== undefined ? new TextEncoder().encode(values.text) : new Uint8Array(number('binary', values.binary ?? fail('encode needs --text or --binary'))).fill(0xab);
  const opcode = values.text !== undefined ? 0x1 : 0x2;
  const fragmentSize = values.fragment === undefined ? Math.max(1, payload.length) : number('fragment', values.fragment);
  const key = values.mask === undefined ? undefined : Uint8Array.from(Buffer.from(values.mask, 'hex'));
  if (key !== undefined && key.length !== 4) fail('--mask takes 4 bytes in hex, e.g. 37fa213d');
  const frames = fragmentMessage(opcode, payload, fragmentSize, key === undefined ? undefined : Array(payload.length + 1).fill(key));
  for (const frame of frames) {
    const wire = encodeFrame(frame);
    console.log(`  ${describeFrame(frame)}`);
    console.log(hexDump(wire.subarray(0, 64)) + (wire.length > 64 ? `\n  … ${wire.length} bytes` : ''));
  }
}

async function runClient(): Promise<void> {
  const url = args[0] ?? fail('client needs a URL, e.g. ws://127.0.0.1:8080/');
  const connection = await connectWebSocket(url);
  console.log(`connected to ${url}`);
  connection.on('message', ({ data, binary }) => console.log(`← ${binary ? `${data.length} bytes binary` : JSON.stringify(data)}`));
  connection.on('ping', (payload) => console.log(`← ping ${JSON.stringify(new TextDecoder().decode(payload))} (answered with a pong)`));
  connection.on('close', ({ code, reason, wasClean }) => {
    console.log(`closed: code ${code} ${JSON.stringify(reason)} wasClean=${wasClean}`);
    process.exit(0);
  });
  const send = (message: string): void => {
    if (values.trace) console.log(`→ ${describeFrame({ fin: true, opcode: 0x1, maskingKey: new Uint8Array(4), payload: new TextEncoder().encode(message) })} (key is random)`);
    connection.send(message);
  };
  if (args.length > 1) {
    for (const message of args.slice(1)) send(message);
    setTimeout(() => connection.close(1000, 'done'), 500);
    return;
  }
  console.log('type messages; Ctrl-D closes');
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', send);
  lines.on('close', () => connection.close(1000, 'bye'));
}

async function runServer(): Promise<void> {
  const port = number('port', values.port);
  const maxQueuedBytes = number('max-queued', values['max-queued']);
  const server = await startTinyServer({ port, host: values.host!, trace: values.trace!, maxQueuedBytes, log: (line) => console.log(line) });
  const address = server.address() as { port: number };
  console.log(`listening on ws://${values.host}:${address.port}/  (send queue bound ${maxQueuedBytes} bytes; Ctrl-C stops)`);
}

async function main(): Promise<void> {
  switch (command) {
    case 'accept':
      return runAccept();
    case 'examples':
      return runExamples();
    case 'decode':
      return printFrames(Uint8Array.from(Buffer.from((args.join('') || fail('decode needs hex')).replace(/\s+/g, ''), 'hex')));
    case 'encode':
      return runEncode();
    case 'server':
      return runServer();
    case 'client':
      return runClient();
    case 'stall':
      return stall(new URL(args[0] ?? fail('stall needs a URL')), { count: number('count', values.count), seconds: number('seconds', values.seconds) });
    default:
      console.log(usage);
      process.exitCode = command === undefined || values.help ? 0 : 2;
  }
}

main().catch((error: unknown) => {
  console.error(`14-websocket: ${error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error)}`);
  process.exit(1);
});
