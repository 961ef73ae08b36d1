/**
 * One peer connection's getStats() boiled down to the counters the call view
 * shows: bytes, packets and frames per direction and kind, and the round-trip
 * time. Counters only ever grow; rates come from two samples (rates.ts).
 *
 * Fields (W3C webrtc-stats): inbound-rtp bytesReceived, headerBytesReceived,
 * packetsReceived, packetsLost, framesDecoded; outbound-rtp bytesSent,
 * headerBytesSent, packetsSent, framesEncoded; the selected candidate pair's
 * currentRoundTripTime (seconds), found through the transport's
 * selectedCandidatePairId.
 */
import { numberField, stringField, type StatsEntry } from './stats-entry.ts';

export type MediaKind = 'audio' | 'video';

export interface StreamCounters {
  /** RTP payload bytes. */
  readonly bytes: number;
  /** RTP header and padding bytes: the rest of what crossed the network, SRTP/UDP/IP aside. */
  readonly headerBytes: number;
  readonly packets: number;
  /** Inbound only: packets expected but not received (RFC 3550 §6.4.1 cumulative lost). */
  readonly packetsLost: number;
  /** Video: framesDecoded (inbound) or framesEncoded (outbound); 0 for audio. */
  readonly frames: number;
  /** How many RTP streams were added up. */
  readonly streams: number;
}

export interface ConnectionSample {
  /** Milliseconds, the report's time. */
  readonly timestamp: number;
  readonly inbound: Readonly<Record<MediaKind, StreamCounters>>;
  readonly outbound: Readonly<Record<MediaKind, StreamCounters>>;
  /** The selected candidate pair's current round-trip time, in milliseconds, when known. */
  readonly rttMs: number | undefined;
  /** The last decoded frame size of the inbound video, when there is one: '640x360'. */
  readonly inboundResolution: string | undefined;
}

export const NO_COUNTERS: StreamCounters = { bytes: 0, headerBytes: 0, packets: 0, packetsLost: 0, frames: 0, streams: 0 };

export function sampleConnection(entries: Iterable<StatsEntry>): ConnectionSample {
  const list = [...entries];
  const inbound = { audio: NO_COUNTERS, video: NO_COUNTERS };
  const outbound = { audio: NO_COUNTERS, video: NO_COUNTERS };
  let timestamp = 0;
  let inboundResolution: string | undefined;
  for (const entry of list) {
    timestamp = Math.max(timestamp, entry.timestamp);
    const kind = stringField(entry, 'kind');
    if (kind !== 'audio' && kind !== 'video') continue;
    if (entry.type === 'inbound-rtp') {
      inbound[kind] = add(inbound[kind], entry, 'bytesReceived', 'headerBytesReceived', 'packetsReceived', 'framesDecoded');
      const width = numberField(entry, 'frameWidth');
      const height = numberField(entry, 'frameHeight');
      if (kind === 'video' && width !== undefined && height !== undefined) inboundResolution = `${width}x${height}`;
    } else if (entry.type === 'outbound-rtp') {
      outbound[kind] = add(outbound[kind], entry, 'bytesSent', 'headerBytesSent', 'packetsSent', 'framesEncoded');
    }
  }
  return { timestamp, inbound, outbound, rttMs: roundTripMs(list), inboundResolution };
}

function add(total: StreamCounters, entry: StatsEntry, bytes: string, headerBytes: string, packets: string, frames: string): StreamCounters {
  return {
    bytes: total.bytes + (numberField(entry, bytes) ?? 0),
    headerBytes: total.headerBytes + (numberField(entry, headerBytes) ?? 0),
    packets: total.packets + (numberField(entry, packets) ?? 0),
    packetsLost: total.packetsLost + (numberField(entry, 'packetsLost') ?? 0),
    frames: total.frames + (numberField(entry, frames) ?? 0),
    streams: total.streams + 1,
  };
}

/**
 * The pair the transport selected; without a transport entry (older browsers),
 * the nominated pair that succeeded. Then the RTCP-measured round trip of the
 * remote-inbound-rtp entries, if the pair has none.
 */
function roundTripMs(entries: readonly StatsEntry[]): number | undefined {
  const selectedId = entries.map((entry) => (entry.type === 'transport' ? stringField(entry, 'selectedCandidatePairId') : undefined)).find((id) => id !== undefined);
  const pair =
    entries.find((entry) => entry.type === 'candidate-pair' && entry.id === selectedId) ??
    entries.find((entry) => entry.type === 'candidate-pair' && entry['nominated'] === true && entry['state'] === 'succeeded');
  const pairRtt = pair === undefined ? undefined : numberField(pair, 'currentRoundTripTime');
  if (pairRtt !== undefined) return pairRtt * 1000;
  const rtcpRtts = entries.filter((entry) => entry.type === 'remote-inbound-rtp').map((entry) => numberField(entry, 'roundTripTime')).filter((rtt) => rtt !== undefined);
  return rtcpRtts.length === 0 ? undefined : Math.max(...rtcpRtts) * 1000;
}
