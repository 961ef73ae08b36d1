/**
 * npm run lab -- 04-tcp server [--port 7004] [--host 127.0.0.1] [--max 1048576]
 * npm run lab -- 04-tcp client [--port 7004] [--host 127.0.0.1] [--claim <bytes>] [words...]
 * npm run lab -- 04-tcp naive  [--count 10]
 * npm run lab -- 04-tcp flood  [--mib 64] [--size 65536] [--stall 1000] [--read-delay 0] [--ignore-backpressure]
 */
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_MESSAGE_SIZE } from '#solutions/04-tcp/framing.ts';
import { runClient } from './client.ts';
import { runFlood } from './flood.ts';
import { runNaiveDemo } from './naive.ts';
import { runServer } from './server.ts';

const usage = `usage:
  npm run lab -- 04-tcp server [--port 7004] [--host 127.0.0.1] [--max ${DEFAULT_MAX_MESSAGE_SIZE}]
      the framed echo server: echoes each message, answers your FIN with "BYE <n> <bytes>"
  npm run lab -- 04-tcp client [--port 7004] [--host 127.0.0.1] [--claim <bytes>] [words...]
      sends each word as one message, half-closes, prints the replies;
      --claim sends only a header announcing <bytes> (watch the server refuse it)
  npm run lab -- 04-tcp naive [--count 10]
      small writes coalesce and a large write splits: 'data' events are not messages
  npm run lab -- 04-tcp flood [--mib 64] [--size 65536] [--stall 1000] [--read-delay 0] [--ignore-backpressure]
      a reader that stalls, a writer that waits for 'drain' (or, with --ignore-backpressure, does not)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7004' },
    host: { type: 'string', default: '127.0.0.1' },
    max: { type: 'string', default: String(DEFAULT_MAX_MESSAGE_SIZE) },
    claim: { type: 'string' },
    count: { type: 'string', default: '10' },
    mib: { type: 'string', default: '64' },
    size: { type: 'string', default: '65536' },
    stall: { type: 'string', default: '1000' },
    'read-delay': { type: 'string', default: '0' },
    'ignore-backpressure': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...words] = positionals;

/** Parses a non-negative integer option, or exits with a message naming it. */
function integerOption(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`04-tcp: --${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return value;
}

const port = integerOption('port', values.port);
if (command === 'server') {
  await runServer(port, values.host, integerOption('max', values.max));
} else if (command === 'client') {
  const claim = values.claim === undefined ? undefined : integerOption('claim', values.claim);
  runClient({ port, host: values.host, words: words.length > 0 ? words : ['hello', 'framed', 'world'], claim });
} else if (command === 'naive') {
  runNaiveDemo(integerOption('count', values.count));
} else if (command === 'flood') {
  await runFlood({
    totalMiB: integerOption('mib', values.mib),
    messageSize: integerOption('size', values.size),
    stallMs: integerOption('stall', values.stall),
    readDelayMs: integerOption('read-delay', values['read-delay']),
    ignoreBackpressure: values['ignore-backpressure'],
  });
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
