/**
 * SRTCP (RFC 3711 §3.4; RFC 7714 §9): the per-SSRC state around a transform.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |V=2|P|    RC   |   PT=SR or RR   |             length          |  clear
 *   |                         SSRC of sender                        |  clear
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |   rest of the compound packet, encrypted when E = 1   ...     |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |E|                         SRTCP index                         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   :                     authentication tag                        :
 *
 * (the AES-CM layout; RFC 7714 §9.2 moves the E/index word after the tag.)
 *
 * Unlike SRTP the index travels in the packet, so there is no estimation: the
 * sender counts 0, 1, 2, ... per SSRC (§3.4: "MUST be set to zero before the
 * first SRTCP packet is sent") and the receiver keeps a replay window.
 */
import { readU32 } from '../rtp/wire.ts';
import { SrtpError, requireBytes } from './errors.ts';
import { ReplayWindow } from './replay-window.ts';
import { RTCP_HEADER_SIZE, SRTCP_E_FLAG, SRTCP_INDEX_MASK, type SrtpTransform } from './transform.ts';

const RTCP_VERSION = 2;
const SSRC_OFFSET = 4;

export interface SrtcpOptions {
  /** The E-flag this side sends (RFC 3711 §3.4); received packets may carry either. */
  encrypt: boolean;
  replayWindowSize: number;
}

export class SrtcpContext {
  readonly #transform: SrtpTransform;
  readonly #options: SrtcpOptions;
  /** The index the next packet of each SSRC gets. */
  readonly #nextIndex = new Map<number, number>();
  readonly #received = new Map<number, ReplayWindow>();

  constructor(transform: SrtpTransform, options: SrtcpOptions) {
    this.#transform = transform;
    this.#options = options;
  }

  protect(packet: Uint8Array): Buffer {
    const ssrc = readRtcpSsrc(packet, 0);
    const index = this.#nextIndex.get(ssrc) ?? 0;
    // §3.4 counts modulo 2^31, but a wrapped index would repeat a keystream: re-key instead.
    if (index > SRTCP_INDEX_MASK) {
      throw new SrtpError('KEY_EXHAUSTED', `srtp: SRTCP index of SSRC ${ssrc} exhausted (2^31 packets); re-key`);
    }
    const out = this.#transform.protectRtcp(packet, ssrc, index, this.#options.encrypt);
    this.#nextIndex.set(ssrc, index + 1);
    return out;
  }

  unprotect(packet: Uint8Array): Buffer {
    const ssrc = readRtcpSsrc(packet, this.#transform.rtcpOverhead);
    const word = this.#transform.srtcpIndexWord(packet);
    const index = word & SRTCP_INDEX_MASK;
    const window = this.#received.get(ssrc);
    const refused = window?.check(index);
    if (refused !== undefined) {
      throw new SrtpError(refused, `srtp: SRTCP index ${index} of SSRC ${ssrc} ${refused === 'REPLAYED' ? 'replayed' : 'left of the replay window'}`);
    }
    const plain = this.#transform.unprotectRtcp(packet, ssrc, index, (word & SRTCP_E_FLAG) !== 0);
    // Only an authenticated packet may create or move state (RFC 3711 §3.3 step 6, applied to SRTCP by §3.4).
    if (window === undefined) this.#received.set(ssrc, acceptedWindow(this.#options.replayWindowSize, index));
    else window.accept(index);
    return plain;
  }

  /**
   * Sets the index the next SRTCP packet of `ssrc` carries. A re-keyed session
   * must continue the old count (RFC 3711 §3.4: "after a re-key, the SRTCP index
   * MUST NOT be reset to zero again").
   */
  setNextIndex(ssrc: number, index: number): void {
    if (!Number.isInteger(index) || index < 0 || index > SRTCP_INDEX_MASK) {
      throw new TypeError(`srtp: an SRTCP index is an integer in [0, 2^31 - 1], got ${index}`);
    }
    this.#nextIndex.set(ssrc >>> 0, index);
  }

  removeStream(ssrc: number): void {
    this.#nextIndex.delete(ssrc);
    this.#received.delete(ssrc);
  }
}

/** The sender SSRC from the clear RTCP header, after checking the header and `trailer` bytes are there. */
function readRtcpSsrc(packet: Uint8Array, trailer: number): number {
  requireBytes(packet.length, RTCP_HEADER_SIZE + trailer, trailer === 0 ? 'rtcp packet' : 'srtcp packet');
  const version = packet[0]! >> 6;
  if (version !== RTCP_VERSION) throw new SrtpError('BAD_VERSION', `srtp: rtcp version ${version}, expected 2`);
  return readU32(packet, SSRC_OFFSET);
}

export function acceptedWindow(size: number, index: number): ReplayWindow {
  const window = new ReplayWindow(size);
  window.accept(index);
  return window;
}
