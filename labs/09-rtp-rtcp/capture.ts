/**
 * Reading a capture: every UDP datagram of a pcap or pcapng file with its capture time, by the
 * SFU's capture reader (server/src/pcap). `pcap` mode feeds them to the inspector as fast as it
 * can, taking the capture's clock for the arrival times, so loss, jitter and RTT come out as they
 * were on the wire.
 */
import { readFileSync } from 'node:fs';
import { readCapture, udpDatagramsOf } from '#server/pcap/index.ts';
import { Inspector, type InspectorOptions } from './inspector.ts';

export interface TimedDatagram {
  readonly payload: Uint8Array;
  /** Capture time, ms since the Unix epoch. */
  readonly timeMs: number;
  /** "address:port" of the sender. */
  readonly from: string;
}

export function readDatagrams(file: string): TimedDatagram[] {
  return udpDatagramsOf(readCapture(readFileSync(file))).map((datagram) => ({
    payload: datagram.payload,
    timeMs: datagram.timestampUs / 1000,
    from: `${datagram.source.address}:${datagram.source.port}`,
  }));
}

/** Inspects a whole capture: a snapshot every `everyMs` of capture time (0: none), then the final table. */
export function inspectCapture(file: string, everyMs: number, options: InspectorOptions): void {
  const datagrams = readDatagrams(file);
  const inspector = new Inspector(options);
  let nextSnapshotMs = (datagrams[0]?.timeMs ?? 0) + everyMs;
  for (const datagram of datagrams) {
    while (everyMs > 0 && datagram.timeMs >= nextSnapshotMs) {
      inspector.snapshot(nextSnapshotMs);
      nextSnapshotMs += everyMs;
    }
    inspector.onDatagram(datagram.payload, datagram.timeMs, datagram.from);
  }
  inspector.snapshot(datagrams.at(-1)?.timeMs ?? 0, true);
}
