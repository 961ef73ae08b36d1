/**
 * Live mode: one UDP socket (what an SFU's port is, minus ICE and SRTP), every datagram handed to
 * the inspector with its arrival time. The table is refreshed every `everyMs`; Ctrl-C (SIGINT),
 * SIGTERM or --duration stop it, with a final table.
 */
import dgram from 'node:dgram';
import { performance } from 'node:perf_hooks';
import { Inspector, type InspectorOptions } from './inspector.ts';

export interface ListenOptions {
  readonly port: number;
  readonly host: string;
  readonly everyMs: number;
  /** Stop after this many ms; undefined runs until a signal. */
  readonly durationMs: number | undefined;
}

/** Wall-clock ms with sub-ms precision: jitter wants the precision, RTT (NTP) the wall clock. */
function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export function listen(options: ListenOptions, inspectorOptions: InspectorOptions): Promise<void> {
  const inspector = new Inspector(inspectorOptions);
  const socket = dgram.createSocket('udp4');
  socket.on('message', (datagram, from) => inspector.onDatagram(datagram, nowMs(), `${from.address}:${from.port}`));

  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(options.port, options.host, () => {
      socket.off('error', reject);
      socket.on('error', (error) => console.error(`09-rtp-rtcp: ${error.message}`));
      const address = socket.address();
      console.log(`listening for RTP/RTCP on udp ${address.address}:${address.port} (pid ${process.pid}); Ctrl-C to stop`);
      const refresh = setInterval(() => {
        if (inspector.started) inspector.snapshot(nowMs());
      }, options.everyMs);
      const stopTimer = options.durationMs === undefined ? undefined : setTimeout(() => stop('--duration is over'), options.durationMs);
      const stop = (why: string): void => {
        clearInterval(refresh);
        clearTimeout(stopTimer);
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        socket.close();
        if (inspector.started) inspector.snapshot(nowMs(), true);
        console.log(`stopped: ${why}`);
        resolve();
      };
      const onSignal = (signal: NodeJS.Signals): void => stop(signal);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });
  });
}
