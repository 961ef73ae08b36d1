/**
 * SRTP and SRTCP for the SFU's media path.
 *
 * - RFC 3711: AES Counter Mode with HMAC-SHA1 (§4.1.1, §4.2.1), key derivation
 *   with key_derivation_rate 0 (§4.3), rollover-counter estimation (§3.3.1,
 *   Appendix A), replay windows (§3.3.2), SRTCP with its E-flag and 31-bit index (§3.4).
 * - RFC 7714: AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP (§8) and SRTCP (§9).
 * - RFC 5764 §4.1.2, RFC 7714 §14.2: the DTLS-SRTP protection profile ids
 *   0x0001, 0x0002, 0x0007, 0x0008; §4.2: splitting the exporter's keying material.
 * Not supported: MKI (DTLS-SRTP sends none), key_derivation_rate > 0, the NULL
 * cipher profiles, and RFC 6904 header-extension encryption.
 *
 * After the DTLS handshake, one session per direction:
 *
 *   import { DTLS_SRTP_EXPORTER_LABEL, SrtpError, createSrtpSession, splitKeyingMaterial,
 *     srtpKeyingMaterialLength, srtpProfileById } from '#server/srtp/index.ts';
 *
 *   const profile = srtpProfileById(negotiatedId)!;        // from use_srtp
 *   const material = dtls.exportKeyingMaterial(DTLS_SRTP_EXPORTER_LABEL, srtpKeyingMaterialLength(profile));
 *   const { local, remote } = splitKeyingMaterial({ profile, material, role: 'server' });
 *   const outbound = createSrtpSession({ profile, ...local });
 *   const inbound = createSrtpSession({ profile, ...remote });
 *
 *   try {
 *     const rtp = inbound.unprotectRtp(datagram);          // Buffer: header + decrypted payload
 *     socket.send(outbound.protectRtp(rewrite(rtp)));
 *   } catch (error) {
 *     if (!(error instanceof SrtpError)) throw error;
 *     stats.srtpDropped[error.code]++;                      // AUTH_FAILED, REPLAYED, TOO_OLD, TOO_SHORT, ...
 *   }
 *
 * Every protect/unprotect returns a new Buffer and leaves its input untouched.
 * `npm run bench -- srtp` measures the cost per profile.
 */
export { SrtpError, type SrtpErrorCode } from './errors.ts';
export {
  SRTP_PROFILES,
  resolveSrtpProfile,
  srtpProfileById,
  type SrtpProfile,
  type SrtpProfileName,
} from './profiles.ts';
export {
  KeyDerivationLabel,
  deriveSessionKey,
  deriveSrtpSessionKeys,
  type SessionKeys,
  type SrtpSessionKeys,
} from './key-derivation.ts';
export {
  DTLS_SRTP_EXPORTER_LABEL,
  splitKeyingMaterial,
  srtpKeyingMaterialLength,
  type SrtpKeyingMaterial,
  type SrtpMasterKey,
} from './keying-material.ts';
export {
  createSrtpSession,
  createSrtpSessionFromKeys,
  type SrtpSession,
  type SrtpSessionOptions,
} from './srtp-session.ts';
export { DEFAULT_REPLAY_WINDOW_SIZE, MIN_REPLAY_WINDOW_SIZE, ReplayWindow } from './replay-window.ts';
export { MAX_PACKET_INDEX, estimatePacketIndex, rolloverCounterOf } from './rollover-counter.ts';
