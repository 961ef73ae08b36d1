/**
 * npm run lab -- 14-signaling server [--port 8080] [--secret <s>] [--peers-per-room 8] [--rate 50]
 * npm run lab -- 14-signaling peer --url ws://127.0.0.1:8080/ws --room demo --name alice [--token <t>]
 * npm run lab -- 14-signaling raw --url ws://127.0.0.1:8080/ws
 * npm run lab -- 14-signaling state --url http://127.0.0.1:8080 [--watch]
 * npm run lab -- 14-signaling token --room demo --identity alice --secret <s> [--ttl 3600]
 */
import { parseArgs } from 'node:util';
import { mintTokenFor } from '#server/signaling/index.ts';
import { startLabServer } from './lab-server.ts';
import { runPeer } from './peer.ts';
import { runRaw } from './raw.ts';
import { fetchRooms, renderRooms } from './state.ts';

const usage = `usage:
  npm run lab -- 14-signaling server [--port 8080] [--host 127.0.0.1] [--secret <s>] [--peers-per-room 8] [--rate 50]
      the SFU's signaling server on ws://host:port/ws, its state on GET /api/rooms; prints every event
  npm run lab -- 14-signaling peer --url ws://127.0.0.1:8080/ws --room demo --name alice [--token <t>] [--timeout 5000]
      join a room and talk: relay, leave, join, call <method> <json>, quit (uses the exercise's RequestClient)
  npm run lab -- 14-signaling raw --url ws://127.0.0.1:8080/ws
      send what you type as text frames and see the raw answers
  npm run lab -- 14-signaling state --url http://127.0.0.1:8080 [--watch]
      rooms and peers right now (from GET /api/rooms; works against npm start's server too)
  npm run lab -- 14-signaling token --room demo --identity alice --secret <at least 16 bytes> [--ttl 3600]
      mint a room token for a server started with --secret`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    secret: { type: 'string' },
    'peers-per-room': { type: 'string' },
    rate: { type: 'string' },
    url: { type: 'string' },
    room: { type: 'string', default: 'demo' },
    name: { type: 'string' },
    identity: { type: 'string' },
    token: { type: 'string' },
    ttl: { type: 'string', default: '3600' },
    timeout: { type: 'string', default: '5000' },
    watch: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

function fail(message: string): never {
  console.error(`14-signaling: ${message}`);
  process.exit(2);
}

function positive(name: string, text: string | undefined, min = 1): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) fail(`--${name} must be a whole number of at least ${min}, got ${text}`);
  return value;
}

async function runServer(): Promise<void> {
  const peersPerRoom = positive('peers-per-room', values['peers-per-room']);
  const messagesPerSecond = positive('rate', values.rate);
  const server = await startLabServer({
    port: positive('port', values.port, 0) ?? 8080,
    host: values.host!,
    signaling: {
      ...(values.secret === undefined ? {} : { tokenSecret: values.secret }),
      limits: { ...(peersPerRoom === undefined ? {} : { peersPerRoom }), ...(messagesPerSecond === undefined ? {} : { messagesPerSecond }) },
    },
    log: (line) => console.log(`${new Date().toISOString().slice(11, 23)}  ${line}`),
  });
  const ws = server.url.replace('http', 'ws');
  console.log(`signaling on ${ws}/ws, state on ${server.url}/api/rooms${values.secret === undefined ? '' : ' (tokens required)'}; Ctrl-C stops`);
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
}

async function runState(): Promise<void> {
  const url = values.url ?? `http://${values.host}:${values.port}`;
  for (;;) {
    const lines = renderRooms(await fetchRooms(url));
    if (values.watch) console.clear();
    console.log(lines.join('\n'));
    if (!values.watch) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function main(): Promise<void> {
  switch (command) {
    case 'server':
      return runServer();
    case 'peer':
      return runPeer({
        url: values.url ?? `ws://${values.host}:${values.port}/ws`,
        room: values.room!,
        name: values.name ?? `peer-${process.pid}`,
        token: values.token,
        timeoutMs: positive('timeout', values.timeout) ?? 5000,
      });
    case 'raw':
      return runRaw(values.url ?? `ws://${values.host}:${values.port}/ws`);
    case 'state':
      return runState();
    case 'token':
      return void console.log(
        mintTokenFor(values.room!, values.identity ?? fail('token needs --identity'), positive('ttl', values.ttl) ?? 3600, values.secret ?? fail('token needs --secret')),
      );
    default:
      console.log(usage);
      process.exitCode = command === undefined || values.help ? 0 : 2;
  }
}

main().catch((error: unknown) => {
  console.error(`14-signaling: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
