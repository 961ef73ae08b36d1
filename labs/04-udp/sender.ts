/**
 * Sends `count` sequenced datagrams at `rate` per second through the simulated impairments.
 *
 * By default the socket is connected (connect(2) on UDP sends nothing; it fixes the peer, so
 * datagrams from anyone else are filtered out and ICMP errors such as "port unreachable" come
 * back as ECONNREFUSED). With `connected: false` each send names its destination and errors
 * from the network are never reported: the datagrams just vanish.
 */
import dgram from 'node:dgram';
import { sequencedDatagram } from './datagram.ts';
import { Impairment, type ImpairmentCounts, type ImpairmentRates } from './impairment.ts';

export interface SenderOptions {
  readonly port: number;
  readonly host: string;
  readonly count: number;
  /** Datagrams per second. */
  readonly rate: number;
  /** Bytes per datagram. */
  readonly size: number;
  readonly impairments: ImpairmentRates;
  readonly connected: boolean;
}

const TICK_MS = 10;

export async function runSender(options: SenderOptions): Promise<ImpairmentCounts> {
  const socket = dgram.createSocket('udp4');
  let refusals = 0;
  socket.on('error', (error: NodeJS.ErrnoException) => {
    refusals += 1;
    if (refusals === 1) console.log(`sender: ${error.code}: nothing listens on ${options.host}:${options.port} (an ICMP port unreachable came back)`);
  });
  if (options.connected) await new Promise<void>((resolve) => socket.connect(options.port, options.host, resolve));
  const send = (datagram: Buffer): void => {
    if (options.connected) socket.send(datagram);
    else socket.send(datagram, options.port, options.host);
  };

  const impairment = new Impairment(options.impairments);
  const started = Date.now();
  let next = 0;
  console.log(`sender: ${options.count} datagrams of ${options.size} bytes at ${options.rate}/s to ${options.host}:${options.port}, ${options.connected ? 'connected' : 'unconnected'} socket`);
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(options.count, Math.floor(((Date.now() - started) * options.rate) / 1000) + 1);
      for (; next < due; next += 1) impairment.apply(sequencedDatagram(next, options.size)).forEach(send);
      if (next === options.count) {
        impairment.flush().forEach(send);
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  // Let the last datagrams (and any ICMP errors) come through before closing.
  await new Promise((resolve) => setTimeout(resolve, 100));
  socket.close();
  const counts = impairment.counts;
  console.log(`sender: done; on purpose it dropped ${counts.dropped}, duplicated ${counts.duplicated}, delayed ${counts.delayed}`);
  if (refusals > 0) console.log(`sender: ${refusals} ECONNREFUSED errors; an unconnected socket (--unconnected) would have heard none`);
  return counts;
}
