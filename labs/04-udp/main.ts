/**
 * npm run lab -- 04-udp server [--port 7005] [--host 127.0.0.1] [--quiet]
 * npm run lab -- 04-udp client [--port 7005] [--host 127.0.0.1] [--count 1000] [--rate 500] [--size 64]
 *                              [--loss 0] [--dup 0] [--reorder 0] [--unconnected]
 * npm run lab -- 04-udp demo   [client options]      receiver and sender in one process
 * npm run lab -- 04-udp dual   [--port 7005] [--host 127.0.0.1]
 */
import { parseArgs } from 'node:util';
import { startDualServer } from '#solutions/04-udp/dual-server.ts';
import type { SequenceStats } from '#solutions/04-udp/sequence-tracker.ts';
import type { ImpairmentCounts } from './impairment.ts';
import { startReceiver } from './receiver.ts';
import { runSender, type SenderOptions } from './sender.ts';

const usage = `usage:
  npm run lab -- 04-udp server [--port 7005] [--host 127.0.0.1] [--quiet]
      receive sequenced datagrams; print each gap, duplicate and late arrival, then a summary
  npm run lab -- 04-udp client [--port 7005] [--host 127.0.0.1] [--count 1000] [--rate 500] [--size 64]
                               [--loss 0.05] [--dup 0.02] [--reorder 0.05] [--unconnected]
      send numbered datagrams, dropping, duplicating and reordering some on purpose
  npm run lab -- 04-udp demo [client options]
      both in one process, then what the sender did next to what the receiver counted
  npm run lab -- 04-udp dual [--port 7005] [--host 127.0.0.1]
      PING -> PONG over TCP and UDP on one port number`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '7005' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
    count: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '500' },
    size: { type: 'string', default: '64' },
    loss: { type: 'string', default: '0' },
    dup: { type: 'string', default: '0' },
    reorder: { type: 'string', default: '0' },
    unconnected: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command] = positionals;

/** Parses a numeric option within [min, max], or exits with a message naming it. */
function numberOption(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === '' || !(value >= min && value <= max)) {
    console.error(`04-udp: --${name} must be a number from ${min} to ${max}, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function senderOptions(port: number): SenderOptions {
  return {
    port,
    host: values.host,
    count: Math.floor(numberOption('count', values.count, 1, 1_000_000)),
    rate: numberOption('rate', values.rate, 1, 100_000),
    size: Math.floor(numberOption('size', values.size, 2, 65_507)),
    impairments: {
      loss: numberOption('loss', values.loss, 0, 1),
      duplicate: numberOption('dup', values.dup, 0, 1),
      reorder: numberOption('reorder', values.reorder, 0, 1),
    },
    connected: !values.unconnected,
  };
}

function printComparison(truth: ImpairmentCounts, counted: SequenceStats): void {
  const row = (what: string, did: number, saw: number): string => `  ${what.padEnd(12)}${String(did).padStart(10)}${String(saw).padStart(18)}`;
  console.log(`\n  ${''.padEnd(12)}${'sender did'.padStart(10)}${'receiver counted'.padStart(18)}`);
  console.log(row('lost', truth.dropped, counted.lost));
  console.log(row('duplicates', truth.duplicated, counted.duplicates));
  console.log(row('reordered', truth.delayed, counted.reordered));
  console.log('A drop after the last datagram that arrived leaves no gap to see; a delayed first datagram is too old.');
}

const port = Math.floor(numberOption('port', values.port, 0, 65_535));
if (command === 'server') {
  await startReceiver({ port, host: values.host, quiet: values.quiet });
} else if (command === 'client') {
  await runSender(senderOptions(port));
} else if (command === 'demo') {
  let truth: ImpairmentCounts | undefined;
  const receiver = await startReceiver({
    port: 0,
    host: values.host,
    quiet: values.quiet,
    onSummary: (_peer, counted) => {
      if (truth) printComparison(truth, counted);
      receiver.close();
    },
  });
  truth = await runSender(senderOptions(receiver.address().port));
  console.log('waiting for the receiver to notice the silence (UDP has no FIN) ...');
} else if (command === 'dual') {
  const server = await startDualServer({ port, host: values.host });
  server.tcp.on('connection', (socket) => console.log(`TCP connection from ${socket.remoteAddress}:${socket.remotePort}`));
  server.udp.on('message', (datagram, from) => console.log(`UDP datagram from ${from.address}:${from.port}: ${JSON.stringify(datagram.toString())}`));
  console.log(`PING/PONG over TCP and UDP, both on ${values.host} port ${server.port} (pid ${process.pid})`);
  const tryThese: Array<[string, string]> = [
    [`nc ${values.host} ${server.port}`, 'type PING: one request per line'],
    [`nc -u ${values.host} ${server.port}`, 'type PING: each line you type is one datagram'],
    [`ss -tulpn | grep :${server.port}`, 'two sockets with one number: one tcp, one udp'],
  ];
  const width = Math.max(...tryThese.map(([commandLine]) => commandLine.length));
  tryThese.forEach(([commandLine, what], i) => console.log(`${i === 0 ? 'try:' : '    '}  ${commandLine.padEnd(width)}   (${what})`));
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
