/**
 * Packing records into datagrams (RFC 6347 §4.1.1): several records may share a
 * datagram, a record must not span two, and a datagram should stay within the
 * path MTU (§4.1.1.1). WebRTC stacks use 1200 bytes of UDP payload, as Chromium does.
 */
import { concatBytes } from '../wire.ts';

export const DEFAULT_MAX_DATAGRAM_SIZE = 1200;

/**
 * Greedily packs serialized records, in order, into as few datagrams of at most
 * `maxDatagramSize` bytes as order allows. A record larger than the limit goes
 * alone in its own datagram (the caller should have fragmented it).
 */
export function packDatagrams(records: readonly Uint8Array[], maxDatagramSize = DEFAULT_MAX_DATAGRAM_SIZE): Uint8Array[] {
  const datagrams: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  let size = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    datagrams.push(concatBytes(...current));
    current = [];
    size = 0;
  };
  for (const record of records) {
    if (size + record.length > maxDatagramSize) flush();
    current.push(record);
    size += record.length;
  }
  flush();
  return datagrams;
}
