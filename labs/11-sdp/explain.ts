/**
 * One line of explanation per SDP line, for `walk`: a table keyed by line type (v=, o=, m=, ...)
 * and, for a= lines, by attribute name. An entry is a fixed text, or a function of the line's
 * value that reads it with the SFU's attribute parsers to say what this particular line means.
 */
import {
  type MediaDescription,
  getCodecs,
  parseCandidate,
  parseExtmap,
  parseFmtp,
  parseGroup,
  parseMsid,
  parseRtcpFeedback,
  parseRtpmap,
  parseSsrc,
  parseSsrcGroup,
} from '#server/sdp/index.ts';

type Explanation = string | ((value: string) => string);

/** What each header extension URI carries in every RTP packet (RFC 8285 elements). */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level': 'audio level of the packet (RFC 6464): an SFU picks active speakers without decoding',
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time': 'send time, 6.18 fixed-point seconds: input to REMB bandwidth estimation',
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01': 'one sequence number across all streams: what transport-cc feedback reports on',
  'urn:ietf:params:rtp-hdrext:sdes:mid': 'the mid of the packet\'s m= section (RFC 8843 §15): how BUNDLEd packets find their section',
  'urn:ietf:params:rtp-hdrext:toffset': 'transmission time offset from the RTP timestamp (RFC 5450)',
  'urn:3gpp:video-orientation': 'camera rotation (3GPP CVO): the receiver rotates instead of the sender re-encoding',
  'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay': 'min/max playout delay the sender asks the receiver to use',
  'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type': 'camera or screen share',
  'http://www.webrtc.org/experiments/rtp-hdrext/video-timing': 'encode/packetize timestamps of a frame, for stats',
  'http://www.webrtc.org/experiments/rtp-hdrext/color-space': 'colour space of the frame (HDR)',
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id': 'the rid of the simulcast layer the packet belongs to (RFC 8852)',
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id': 'the rid an RTX packet repairs (RFC 8852)',
  'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension': 'dependency descriptor: which layer a frame is in and what it depends on',
  'http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00': 'the sender\'s current layers and bitrates (Google)',
};

/** What each codec is, by lowercase encoding name. */
const CODECS: Readonly<Record<string, string>> = {
  opus: 'Opus (RFC 7587); always written /48000/2, whatever rate and channels it actually codes',
  red: 'RED (RFC 2198): each packet carries the current frame plus a redundant copy of earlier ones',
  rtx: 'RTX (RFC 4588): retransmissions get a payload type (and SSRC) of their own; fmtp apt= says for which',
  ulpfec: 'ULPFEC (RFC 5109): forward error correction packets',
  'telephone-event': 'DTMF key presses as events (RFC 4733)',
  cn: 'comfort noise (RFC 3389): background noise described, not sent',
  g722: 'G.722, 16 kHz wideband telephony (its RTP clock is 8000 for historical reasons)',
  pcmu: 'G.711 μ-law: 64 kbit/s telephony',
  pcma: 'G.711 A-law: 64 kbit/s telephony',
  vp8: 'VP8 (RFC 7741)',
  vp9: 'VP9; profile-id in the fmtp',
  h264: 'H.264 (RFC 6184): one payload type per profile and packetization-mode',
  av1: 'AV1',
};

const FEEDBACK: Readonly<Record<string, string>> = {
  nack: 'generic NACK (RFC 4585): the receiver asks for lost packets again',
  'nack pli': 'picture loss indication: the receiver asks for a key frame',
  'ccm fir': 'full intra request (RFC 5104): a key frame, e.g. for a new receiver',
  'goog-remb': 'receiver estimated maximum bitrate (Google): bandwidth estimated by the receiver',
  'transport-cc': 'transport-wide congestion control feedback: arrival times, the sender estimates',
};

const FMTP: Readonly<Record<string, string>> = {
  apt: 'the payload type this RTX repairs',
  minptime: 'shortest packet duration in ms',
  useinbandfec: 'Opus in-band FEC: a packet also carries a low-rate copy of the previous frame',
  'packetization-mode': '0: one NAL unit per packet, 1: NAL units may be split (FU-A) or combined (STAP-A)',
  'profile-level-id': 'profile and level, e.g. 42e01f = constrained baseline, level 3.1',
  'level-asymmetry-allowed': 'the two directions may use different levels',
  'profile-id': 'VP9 profile (0: 8-bit 4:2:0, 2: 10-bit)',
};

const DIRECTIONS: Readonly<Record<string, string>> = {
  sendrecv: 'this side sends and receives media in this section',
  sendonly: 'this side only sends in this section',
  recvonly: 'this side only receives in this section',
  inactive: 'no media either way (the section is kept, e.g. on hold)',
};

const SETUP: Readonly<Record<string, string>> = {
  actpass: 'either DTLS role: the answer chooses (RFC 8842); offers always say actpass',
  active: 'this side is the DTLS client: it sends the ClientHello',
  passive: 'this side is the DTLS server: it waits for the ClientHello',
  holdconn: 'no DTLS connection for now',
};

const ATTRIBUTES: Readonly<Record<string, Explanation>> = {
  group: (value) => {
    const { semantics, mids } = parseGroup(value);
    return semantics === 'BUNDLE' ? `BUNDLE (RFC 8843): sections ${mids.join(', ')} share one transport, one ICE and DTLS connection` : `group ${semantics} of mids ${mids.join(', ')}`;
  },
  'extmap-allow-mixed': 'one-byte and two-byte header extensions may be mixed in a stream (RFC 8285 §6)',
  'msid-semantic': 'WMS: a=msid lines name WebRTC MediaStreams; the ids after it are this side\'s streams (legacy)',
  'ice-lite': 'this side is ICE-lite (RFC 8445 §2.5): it only answers connectivity checks, never sends them',
  rtcp: 'where RTCP would go without rtcp-mux (RFC 3605); port 9 = discard: it will be muxed',
  candidate: (value) => {
    const c = parseCandidate(value);
    const tcp = c.tcpType === undefined ? '' : ` (tcptype ${c.tcpType}: it only connects out; port 9 = none)`;
    return `ICE candidate: ${c.transport} ${c.address}:${c.port}, typ ${c.type}, priority ${c.priority}${tcp}`;
  },
  'end-of-candidates': 'no more candidates will trickle (RFC 8840)',
  'ice-ufrag': 'ICE username fragment: checks to this side carry USERNAME <this ufrag>:<peer ufrag> (RFC 8839)',
  'ice-pwd': 'ICE password: the MESSAGE-INTEGRITY key of checks sent to this side',
  'ice-options': (value) => (value === 'trickle' ? 'trickle ICE (RFC 8840): candidates may come after the description' : `ICE options: ${value}`),
  fingerprint: 'hash of the certificate this side presents in DTLS; the handshake must match it (RFC 8122)',
  setup: (value) => SETUP[value] ?? `DTLS role ${value}`,
  mid: (value) => `media id ${value}: names this section in BUNDLE and in the RTP MID header extension`,
  extmap: (value) => {
    const { id, uri } = parseExtmap(value);
    return `header extension ${id}: ${EXTENSIONS[uri] ?? uri}`;
  },
  ...DIRECTIONS,
  msid: (value) => {
    const { streamId, trackId } = parseMsid(value);
    return `the track sent here: MediaStream ${streamId}, track ${trackId ?? '?'} (RFC 8830)`;
  },
  'rtcp-mux': 'RTP and RTCP share one port (RFC 5761); WebRTC requires it',
  'rtcp-rsize': 'reduced-size RTCP (RFC 5506): feedback may go out alone, not in a compound packet',
  'rtcp-xr': 'RTCP extended reports (RFC 3611); rcvr-rtt lets a receiver that never sends measure RTT',
  rtpmap: (value) => {
    const { payloadType, encodingName, clockRate, channels } = parseRtpmap(value);
    const what = CODECS[encodingName.toLowerCase()] ?? encodingName;
    return `payload type ${payloadType} = ${encodingName}, clock ${clockRate} Hz${channels === undefined ? '' : `, ${channels} channels`}: ${what}`;
  },
  fmtp: (value) => {
    const { format, parameters } = parseFmtp(value);
    const explained = parameters.map(({ name, value: v }) => {
      if (v === undefined && name.includes('/')) {
        const blocks = name.split('/');
        return `${name}: a RED packet carries ${blocks.length} blocks of payload type ${[...new Set(blocks)].join(', ')}: the current frame plus ${blocks.length - 1} redundant earlier frame${blocks.length > 2 ? 's' : ''}`;
      }
      const text = v === undefined ? name : `${name}=${v}`;
      return FMTP[name] === undefined ? text : `${text} (${FMTP[name]})`;
    });
    return `parameters of ${format}: ${explained.join('; ')}`;
  },
  'rtcp-fb': (value) => {
    const { payloadType, type, parameter } = parseRtcpFeedback(value);
    const name = parameter === undefined ? type : `${type} ${parameter}`;
    return `feedback for ${payloadType}: ${FEEDBACK[name] ?? name}`;
  },
  'ssrc-group': (value) => {
    const { semantics, ssrcs } = parseSsrcGroup(value);
    if (semantics === 'FID') return `FID: SSRC ${ssrcs[0]} is repaired by the RTX stream ${ssrcs[1]} (RFC 4588 §8.3)`;
    return semantics === 'SIM' ? `SIM: simulcast layers ${ssrcs.join(', ')}, lowest first` : `${semantics} group: ${ssrcs.join(', ')}`;
  },
  ssrc: (value) => {
    const { ssrc, attribute, value: v } = parseSsrc(value);
    if (attribute === 'cname') return `SSRC ${ssrc} has CNAME ${v}: RTCP SDES ties the streams of one endpoint together (lip sync)`;
    return `SSRC ${ssrc}: ${attribute} ${v ?? ''}`.trimEnd();
  },
  rid: 'a restriction identifier: one simulcast layer (RFC 8851)',
  simulcast: 'the simulcast layers, by rid (RFC 8853)',
  'sctp-port': 'SCTP port inside DTLS, 5000 by convention (RFC 8841)',
  'max-message-size': (value) => `the largest data channel message this side accepts: ${value} bytes (RFC 8841)`,
};

const LINE_TYPES: Readonly<Record<string, Explanation>> = {
  v: 'protocol version: always 0 (RFC 8866 §5.1)',
  o: (value) => {
    const [username, id, version] = value.split(' ');
    return `origin: user ${username}, session ${id}, version ${version} (+1 with each new offer or answer, RFC 3264 §8)`;
  },
  s: 'session name: WebRTC writes "-" (it may not be empty)',
  t: 'timing: "0 0" is a session without start or end',
  c: (value) => (value.endsWith(' 0.0.0.0') ? 'connection address: none yet (0.0.0.0); ICE decides where media goes' : `connection address of the default candidate: ${value} (ICE decides)`),
  b: 'bandwidth limit, AS in kbit/s or TIAS in bit/s',
};

/** The explanation of one line; `media` is the section an m= line starts. */
export function explainLine(line: string, media?: MediaDescription): string {
  const type = line[0] ?? '';
  const value = line.slice(2);
  if (type === 'm' && media !== undefined) return explainMediaLine(media);
  if (type !== 'a') return explain(LINE_TYPES[type], value) ?? `${type}= line`;
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  return explain(ATTRIBUTES[name], colon < 0 ? '' : value.slice(colon + 1)) ?? `a=${name}: (not in the explanation table)`;
}

function explain(entry: Explanation | undefined, value: string): string | undefined {
  return typeof entry === 'function' ? entry(value) : entry;
}

const PROTOCOLS: Readonly<Record<string, string>> = {
  'UDP/TLS/RTP/SAVPF': 'SRTP with RTCP feedback, keys from DTLS',
  'RTP/AVPF': 'unencrypted RTP with RTCP feedback',
  'UDP/DTLS/SCTP': 'SCTP over DTLS over UDP',
};

function explainMediaLine(media: MediaDescription): string {
  const port = media.port === 0 ? 'port 0: rejected' : `port ${media.port} (the default candidate's)`;
  const protocol = `${media.protocol} (${PROTOCOLS[media.protocol] ?? 'transport'})`;
  if (media.kind === 'application') return `data channel section: ${port}, ${protocol}`;
  const codecs = getCodecs(media).map((codec) => `${codec.payloadType} ${codec.name}`);
  return `${media.kind} section: ${port}, ${protocol}; payload types by preference: ${codecs.join(', ')}`;
}
