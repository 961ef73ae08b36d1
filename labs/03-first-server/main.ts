/**
 * npm run lab -- 03-first-server server [--port 7000] [--host 127.0.0.1]
 * npm run lab -- 03-first-server client [--port 7000] [--host 127.0.0.1] [words...]
 */
import { parseArgs } from 'node:util';
import { runClient } from './client.ts';
import { startEchoServer } from './echo-server.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7000' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...words] = positionals;
const port = Number.parseInt(values.port, 10);

if (command === 'server') {
  startEchoServer(port, values.host);
} else if (command === 'client') {
  runClient(port, values.host, words);
} else {
  console.log(`usage:
  npm run lab -- 03-first-server server [--port 7000] [--host 127.0.0.1]
  npm run lab -- 03-first-server client [--port 7000] [--host 127.0.0.1] [words...]`);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
