import type { CapturedPacket } from './capture.ts';
import { PcapParseError } from './errors.ts';
import { isPcap, parsePcap } from './pcap.ts';
import { isPcapng, parsePcapng } from './pcapng.ts';

/** Reads a pcap or pcapng file, whichever it is. */
export function readCapture(bytes: Uint8Array): CapturedPacket[] {
  if (isPcapng(bytes)) return parsePcapng(bytes);
  if (isPcap(bytes)) return parsePcap(bytes);
  throw new PcapParseError('UNKNOWN_FORMAT', 'pcap: neither a pcap nor a pcapng file');
}
