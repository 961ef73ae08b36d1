/** Test helper: the clear RTCP datagrams Chromium sent in pcap/clear-rtp-rtcp.pcapng, in capture order. */
import { readFixture } from '#fixtures/index.ts';
import { readCapture, udpDatagramsOf } from '../pcap/index.ts';

/** RFC 5761 §4: on a muxed port, RTCP is V=2 with a second byte (packet type) in 192..223. */
function isRtcp(datagram: Uint8Array): boolean {
  return datagram.length >= 8 && datagram[0]! >> 6 === 2 && datagram[1]! >= 192 && datagram[1]! <= 223;
}

export function clearCaptureRtcpDatagrams(): Uint8Array[] {
  return udpDatagramsOf(readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng')))
    .map((datagram) => datagram.payload)
    .filter(isRtcp);
}
