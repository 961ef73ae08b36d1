/**
 * `server`: the STUN server of server.ts on a socket, with a line per datagram and the counts
 * every few seconds (when they changed), on SIGUSR2 and at exit (SIGINT, SIGTERM).
 * SIGUSR1 is Node's "start the inspector" signal, so the counts are on SIGUSR2 (03-signals).
 */
import { parseStunMessage, type TransportAddress } from '#server/stun/index.ts';
import { describeAttribute, formatAddress } from './describe.ts';
import { dumpMessage } from './dump.ts';
import { type DatagramEvent, type StunServerOptions, startStunServer } from './server.ts';

export interface ServeOptions extends Omit<StunServerOptions, 'onDatagram'> {
  /** Seconds between two stats lines (printed only when the counts changed); 0 for never. */
  readonly statsEverySeconds: number;
  /** No line per datagram. */
  readonly quiet: boolean;
  /** Every response byte by byte. */
  readonly hex: boolean;
}

function describeEvent(event: DatagramEvent, size: number): string {
  switch (event.kind) {
    case 'answered':
      return `Binding request, ${size} bytes -> success response, XOR-MAPPED-ADDRESS ${formatAddress(event.mapped)}`;
    case 'rejected':
      return `Binding request, ${size} bytes -> 420 Unknown Attribute: ${event.unknown.map((type) => `0x${type.toString(16).padStart(4, '0')}`).join(' ')}`;
    case 'indication':
      return `Binding indication, ${size} bytes: a keepalive, not answered`;
    case 'dropped':
      return `${size} bytes dropped: ${event.reason}`;
    case 'lost':
      return `${size} bytes lost on purpose (--loss)`;
  }
}

function logDatagram(from: TransportAddress, size: number, event: DatagramEvent, hex: boolean): void {
  const margin = ' '.repeat(23);
  console.log(`${formatAddress(from).padEnd(21)}  ${describeEvent(event, size)}`);
  if (!('response' in event)) return;
  const attributes = parseStunMessage(event.response).attributes.map((attribute) => describeAttribute(attribute).join(' '));
  console.log(`${margin}sent ${event.response.length} bytes: ${attributes.join(', ')}`);
  if (hex) for (const line of dumpMessage(event.response, margin + '  ')) console.log(line);
}

export async function runServer(options: ServeOptions): Promise<void> {
  const server = await startStunServer({
    ...options,
    onDatagram: options.quiet ? undefined : (from, size, event) => logDatagram(from, size, event, options.hex),
  });
  const { family, address, port } = server.address;
  console.log(`STUN server on ${formatAddress(server.address)} (pid ${process.pid})`);
  console.log(`  browser:  new RTCPeerConnection({ iceServers: [{ urls: 'stun:${family === 'IPv6' ? `[${address}]` : address}:${port}' }] })`);
  console.log(`  client:   npm run lab -- 10-stun client --host ${address} --port ${port}`);
  console.log(`  counts:   kill -USR2 ${process.pid}`);

  let printed = server.stats.format();
  const printStats = (always: boolean): void => {
    const line = server.stats.format();
    if (always || line !== printed) console.log(`stats: ${line}`);
    printed = line;
  };
  const ticker = options.statsEverySeconds > 0 ? setInterval(() => printStats(false), options.statsEverySeconds * 1000) : undefined;
  process.on('SIGUSR2', () => printStats(true));
  const stop = (signal: NodeJS.Signals): void => {
    clearInterval(ticker);
    printStats(true);
    console.log(`${signal}: closing`);
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
