/**
 * Demultiplexing one WebRTC UDP port into STUN, DTLS, RTP and RTCP
 * (RFC 7983 §7, RFC 5761 §4). See classify.ts.
 *
 *   switch (classifyDatagram(datagram)) {
 *     case 'stun': return ice.handle(datagram, rinfo);
 *     case 'dtls': return dtls.handle(datagram);
 *     case 'rtp': return srtp.unprotectRtp(datagram);
 *     case 'rtcp': return srtp.unprotectRtcp(datagram);
 *     default: return stats.dropped++;
 *   }
 */
export { type DatagramKind, classifyDatagram } from './classify.ts';
