/**
 * Replay: sends the RTP and RTCP of a capture to host:port with the capture's timing, so `listen`
 * has something real to inspect. Each original sender gets its own socket, so the listener sees as
 * many peers as the capture had. The bytes are sent unchanged: the SRs keep the NTP times of the
 * capture, which is why the listener shows no RTT for them.
 */
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { classifyDatagram } from '#server/demux/index.ts';
import { readDatagrams } from './capture.ts';

/** A longer silence in the capture is cut to this, so a replay never stalls. */
const MAX_GAP_MS = 1000;

export interface ReplayOptions {
  readonly file: string;
  readonly port: number;
  readonly host: string;
  /** 2 plays twice as fast. */
  readonly speed: number;
}

export async function replay(options: ReplayOptions): Promise<void> {
  const datagrams = readDatagrams(options.file).filter((d) => ['rtp', 'rtcp'].includes(classifyDatagram(d.payload)));
  const sockets = new Map<string, dgram.Socket>();
  const socketFor = (from: string): dgram.Socket => {
    let socket = sockets.get(from);
    if (socket === undefined) {
      socket = dgram.createSocket('udp4');
      socket.on('error', (error) => console.error(`09-rtp-rtcp replay: ${error.message}`));
      sockets.set(from, socket);
    }
    return socket;
  };
  let stopped = false;
  const onSignal = (): void => {
    stopped = true;
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  console.log(`replaying ${datagrams.length} RTP/RTCP datagrams of ${options.file} to ${options.host}:${options.port} at ${options.speed}x`);
  const start = performance.now();
  let scheduleMs = 0;
  let previous = datagrams[0]?.timeMs ?? 0;
  let sent = 0;
  for (const datagram of datagrams) {
    scheduleMs += Math.min(MAX_GAP_MS, datagram.timeMs - previous) / options.speed;
    previous = datagram.timeMs;
    const wait = scheduleMs - (performance.now() - start);
    if (wait > 1) await sleep(wait);
    if (stopped) break;
    await new Promise<void>((resolve) => socketFor(datagram.from).send(datagram.payload, options.port, options.host, () => resolve()));
    sent += 1;
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  for (const socket of sockets.values()) socket.close();
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  console.log(`${stopped ? 'interrupted: ' : ''}sent ${sent} datagrams from ${sockets.size} sockets in ${seconds} s`);
}
