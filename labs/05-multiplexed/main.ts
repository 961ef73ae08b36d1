/**
 * npm run lab -- 05-multiplexed server [--port 7006]
 * npm run lab -- 05-multiplexed bench [--clients 50]
 *
 * `server` runs the reference chat server of the exercise; `bench` compares it with the
 * process-per-connection server of 05-process-per-connection.
 */
import { parseArgs } from 'node:util';
import type net from 'node:net';
import { startChatServer } from '#solutions/05-multiplexed/chat-server.ts';
import { DEFAULT_CLIENTS, MAX_CLIENTS, runBench } from './bench.ts';

const usage = `usage:
  npm run lab -- 05-multiplexed server [--port 7006]      the chat server: one process, every client
  npm run lab -- 05-multiplexed bench [--clients ${DEFAULT_CLIENTS}]      fork vs multiplexed: connections/s and memory per connection (clients: 1-${MAX_CLIENTS})

then, from other terminals:  npm run lab -- 03-first-server client --port 7006   and type NICK alice, JOIN general, MSG hi`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7006' },
    clients: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

if (command === 'server') {
  try {
    const server = await startChatServer({ port: Number.parseInt(values.port, 10) });
    const { address, port } = server.address() as net.AddressInfo;
    console.log(`listening on ${address}:${port} pid ${process.pid}`);
    console.log(`try:  npm run lab -- 03-first-server client --port ${port}    (or nc ${address} ${port}), in several terminals`);
  } catch (error) {
    console.error(`server: ${(error as Error).message}`);
    process.exitCode = 2;
  }
} else if (command === 'bench') {
  const clients = values.clients === undefined ? DEFAULT_CLIENTS : Number(values.clients);
  if (!Number.isInteger(clients) || clients < 1 || clients > MAX_CLIENTS) {
    console.error(`bench: --clients must be between 1 and ${MAX_CLIENTS}`);
    process.exitCode = 2;
  } else {
    await runBench(clients);
  }
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
