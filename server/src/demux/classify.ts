/**
 * Which protocol a datagram on the shared WebRTC UDP port belongs to.
 *
 * One port carries STUN (ICE checks), DTLS (the handshake), and SRTP/SRTCP
 * (media, rtcp-mux). RFC 7983 §7 tells them apart by the first byte alone:
 *
 *                    +----------------+
 *                    |        [0..3] -+--> forward to STUN
 *                    |                |
 *                    |      [16..19] -+--> forward to ZRTP
 *                    |                |
 *        packet -->  |      [20..63] -+--> forward to DTLS
 *                    |                |
 *                    |      [64..79] -+--> forward to TURN Channel
 *                    |                |
 *                    |    [128..191] -+--> forward to RTP/RTCP
 *                    +----------------+
 *
 * Every other first byte is dropped (RFC 7983 §7). RTP and RTCP share
 * 128..191 (version 2); RFC 5761 §4 separates them by the second byte: RTCP
 * packet types 192..223 are values no RTP payload type may take when the port
 * is multiplexed (payload types 64..95 are excluded, so marker + PT never lands there).
 *
 * Pure and allocation-free: this runs on every datagram.
 */

export type DatagramKind = 'stun' | 'zrtp' | 'dtls' | 'turn-channel' | 'rtp' | 'rtcp' | 'unknown';

const RTCP_PACKET_TYPE_FIRST = 192;
const RTCP_PACKET_TYPE_LAST = 223;

/** RFC 7983 §7 by the first byte, then RFC 5761 §4 by the second. Never throws. */
export function classifyDatagram(datagram: Uint8Array): DatagramKind {
  const first = datagram[0];
  if (first === undefined) return 'unknown';
  if (first <= 3) return 'stun';
  if (first >= 16 && first <= 19) return 'zrtp';
  if (first >= 20 && first <= 63) return 'dtls';
  if (first >= 64 && first <= 79) return 'turn-channel';
  if (first >= 128 && first <= 191) {
    const second = datagram[1];
    // One byte of RTP or RTCP cannot be told apart, and is no valid packet of either.
    if (second === undefined) return 'unknown';
    return second >= RTCP_PACKET_TYPE_FIRST && second <= RTCP_PACKET_TYPE_LAST ? 'rtcp' : 'rtp';
  }
  return 'unknown';
}
