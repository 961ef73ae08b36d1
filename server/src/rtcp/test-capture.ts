/** Test helper: the clear RTCP datagrams Chromium sent in pcap/clear-rtp-rtcp.pcapng, in capture order. */
import { readFixture } from '#fixtures/index.ts';
import { classifyDatagram } from '../demux/index.ts';
import { readCapture, udpDatagramsOf } from '../pcap/index.ts';

export function clearCaptureRtcpDatagrams(): Uint8Array[] {
  return udpDatagramsOf(readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng')))
    .map((datagram) => datagram.payload)
    .filter((payload) => classifyDatagram(payload) === 'rtcp');
}
