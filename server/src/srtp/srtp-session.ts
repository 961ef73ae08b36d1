/**
 * An SRTP session: one master key, the streams (SSRCs) it protects or
 * unprotects, and their index and replay state (RFC 3711 §3.2, §3.3).
 *
 * DTLS-SRTP gives each direction its own master key (RFC 5764 §4.2), so a
 * transport holds two sessions: one keyed with its own write key for
 * `protect*`, one keyed with the peer's for `unprotect*`. A session keeps the
 * state of the two uses apart, so using both on one session (as the tests do
 * for round trips) is also fine.
 *
 * Receiving, per RFC 3711 §3.3: read the clear header, estimate the index
 * (rollover-counter.ts), refuse replays (replay-window.ts) before spending a
 * MAC on them, authenticate, decrypt, and only then update the state, so a
 * forged packet never moves the ROC or the window.
 */
import { readU16, readU32 } from '../rtp/wire.ts';
import { SrtpError, requireBytes } from './errors.ts';
import { deriveSrtpSessionKeys, type SrtpSessionKeys } from './key-derivation.ts';
import { resolveSrtpProfile, type SrtpProfile, type SrtpProfileName } from './profiles.ts';
import { DEFAULT_REPLAY_WINDOW_SIZE, checkReplayWindowSize, type ReplayWindow } from './replay-window.ts';
import { MAX_PACKET_INDEX, estimatePacketIndex } from './rollover-counter.ts';
import { SrtcpContext, acceptedWindow } from './srtcp.ts';
import { createSrtpTransform, type SrtpTransform } from './transform.ts';

export interface SrtpSessionOptions {
  profile: SrtpProfile | SrtpProfileName;
  masterKey: Uint8Array;
  masterSalt: Uint8Array;
  /** Replay window for SRTP and SRTCP, a multiple of 32 and at least 64; default 1024 (see replay-window.ts). */
  replayWindowSize?: number;
  /** The E-flag of the SRTCP packets this session protects (RFC 3711 §3.4); default true, as every WebRTC stack sends. */
  encryptRtcp?: boolean;
}

export interface SrtpSession {
  readonly profile: SrtpProfile;
  /** RTP in, SRTP out (a new Buffer); throws SrtpError (TOO_SHORT, BAD_VERSION, TOO_OLD, KEY_EXHAUSTED). */
  protectRtp(packet: Uint8Array): Buffer;
  /** SRTP in, the RTP packet out; throws SrtpError: count and drop the packet. */
  unprotectRtp(packet: Uint8Array): Buffer;
  /** A (compound) RTCP packet in, SRTCP out; the index counts per sender SSRC from 0. */
  protectRtcp(packet: Uint8Array): Buffer;
  /** SRTCP in, the RTCP packet out; throws SrtpError: count and drop the packet. */
  unprotectRtcp(packet: Uint8Array): Buffer;
  /** The SRTCP index the next protected packet of `ssrc` carries; a re-keyed session continues the old count (RFC 3711 §3.4). */
  setNextRtcpIndex(ssrc: number, index: number): void;
  /** Forgets the state of `ssrc` in both directions, e.g. when its producer or consumer closes. */
  removeStream(ssrc: number): void;
}

export function createSrtpSession(options: SrtpSessionOptions): SrtpSession {
  const profile = resolveSrtpProfile(options.profile);
  return createSrtpSessionFromKeys(profile, deriveSrtpSessionKeys(profile, options.masterKey, options.masterSalt), options);
}

/**
 * A session from session keys, skipping key derivation: for test vectors that
 * publish session keys (RFC 7714 §16, §17) and for keys derived elsewhere.
 */
export function createSrtpSessionFromKeys(
  profile: SrtpProfile | SrtpProfileName,
  keys: SrtpSessionKeys,
  options: Pick<SrtpSessionOptions, 'replayWindowSize' | 'encryptRtcp'> = {},
): SrtpSession {
  const resolved = resolveSrtpProfile(profile);
  checkSessionKeys(resolved, keys);
  const replayWindowSize = options.replayWindowSize ?? DEFAULT_REPLAY_WINDOW_SIZE;
  checkReplayWindowSize(replayWindowSize); // now, rather than on the first packet
  return new Session(resolved, createSrtpTransform(resolved, keys), replayWindowSize, options.encryptRtcp ?? true);
}

const FIXED_HEADER_SIZE = 12;
const RTP_VERSION = 2;
const CSRC_COUNT_MASK = 0x0f;
const EXTENSION_BIT = 0x10;
const SEQUENCE_NUMBER_OFFSET = 2;
const SSRC_OFFSET = 8;

class Session implements SrtpSession {
  readonly profile: SrtpProfile;
  readonly #transform: SrtpTransform;
  readonly #rtcp: SrtcpContext;
  readonly #replayWindowSize: number;
  /** Per SSRC, the highest index sent: the sender's s_l and ROC (RFC 3711 §3.3.1). */
  readonly #sent = new Map<number, number>();
  /** Per SSRC, the receiver's window, whose right edge is also its s_l and ROC. */
  readonly #received = new Map<number, ReplayWindow>();

  constructor(profile: SrtpProfile, transform: SrtpTransform, replayWindowSize: number, encryptRtcp: boolean) {
    this.profile = profile;
    this.#transform = transform;
    this.#replayWindowSize = replayWindowSize;
    this.#rtcp = new SrtcpContext(transform, { encrypt: encryptRtcp, replayWindowSize });
  }

  protectRtp(packet: Uint8Array): Buffer {
    const headerLength = rtpHeaderLength(packet, 0);
    const ssrc = readU32(packet, SSRC_OFFSET);
    const highest = this.#sent.get(ssrc);
    const index = checkedIndex(highest, readU16(packet, SEQUENCE_NUMBER_OFFSET), ssrc);
    const out = this.#transform.protectRtp(packet, headerLength, ssrc, index);
    if (highest === undefined || index > highest) this.#sent.set(ssrc, index);
    return out;
  }

  unprotectRtp(packet: Uint8Array): Buffer {
    const headerLength = rtpHeaderLength(packet, this.#transform.rtpOverhead);
    const ssrc = readU32(packet, SSRC_OFFSET);
    const window = this.#received.get(ssrc);
    const index = checkedIndex(window?.highest, readU16(packet, SEQUENCE_NUMBER_OFFSET), ssrc);
    const refused = window?.check(index);
    if (refused !== undefined) {
      throw new SrtpError(refused, `srtp: packet index ${index} of SSRC ${ssrc} ${refused === 'REPLAYED' ? 'replayed' : 'left of the replay window'}`);
    }
    const plain = this.#transform.unprotectRtp(packet, headerLength, ssrc, index);
    if (window === undefined) this.#received.set(ssrc, acceptedWindow(this.#replayWindowSize, index));
    else window.accept(index);
    return plain;
  }

  protectRtcp(packet: Uint8Array): Buffer {
    return this.#rtcp.protect(packet);
  }

  unprotectRtcp(packet: Uint8Array): Buffer {
    return this.#rtcp.unprotect(packet);
  }

  setNextRtcpIndex(ssrc: number, index: number): void {
    this.#rtcp.setNextIndex(ssrc, index);
  }

  removeStream(ssrc: number): void {
    this.#sent.delete(ssrc);
    this.#received.delete(ssrc);
    this.#rtcp.removeStream(ssrc);
  }
}

/**
 * The packet index of `sequenceNumber`: the SEQ itself for a stream's first
 * packet (RFC 3711 §3.3.1: ROC starts at 0, s_l at the first SEQ), otherwise
 * the Appendix A estimate against the highest index so far.
 */
function checkedIndex(highest: number | undefined, sequenceNumber: number, ssrc: number): number {
  if (highest === undefined) return sequenceNumber;
  const index = estimatePacketIndex(highest, sequenceNumber);
  if (index < 0) {
    throw new SrtpError('TOO_OLD', `srtp: SEQ ${sequenceNumber} of SSRC ${ssrc} would precede rollover counter 0`);
  }
  if (index > MAX_PACKET_INDEX) {
    throw new SrtpError('KEY_EXHAUSTED', `srtp: packet index of SSRC ${ssrc} exhausted (2^48 packets); re-key`);
  }
  return index;
}

/**
 * RFC 3550 §5.1, §5.3.1: 12 octets, 4 per CSRC, and with X set a 4-octet
 * extension header plus 4 octets per length unit. SRTP leaves all of it in the
 * clear (RFC 3711 §3.1), so it is read straight from the packet; the RTP
 * package's `parseRtpHeader` would also decode CSRCs and extension elements,
 * which the crypto never needs. `trailer` bytes (the tag) must follow it.
 */
function rtpHeaderLength(packet: Uint8Array, trailer: number): number {
  const what = trailer === 0 ? 'rtp packet' : 'srtp packet';
  requireBytes(packet.length, FIXED_HEADER_SIZE + trailer, what);
  const first = packet[0]!;
  if (first >> 6 !== RTP_VERSION) throw new SrtpError('BAD_VERSION', `srtp: rtp version ${first >> 6}, expected 2`);
  let length = FIXED_HEADER_SIZE + (first & CSRC_COUNT_MASK) * 4;
  if (first & EXTENSION_BIT) {
    requireBytes(packet.length, length + 4 + trailer, `${what} extension header`);
    length += 4 + readU16(packet, length + 2) * 4;
  }
  requireBytes(packet.length, length + trailer, `${what} header`);
  return length;
}

function checkSessionKeys(profile: SrtpProfile, keys: SrtpSessionKeys): void {
  for (const [name, key] of [['rtp', keys.rtp], ['rtcp', keys.rtcp]] as const) {
    const ok =
      key.encryptionKey.length === profile.keyLength &&
      key.salt.length === profile.saltLength &&
      key.authKey.length === profile.authKeyLength;
    if (!ok) throw new TypeError(`srtp: ${name} session keys do not fit ${profile.name}`);
  }
}
