/**
 * use_srtp (RFC 5764 §4.1.1), extension type 14.
 *
 *   uint8 SRTPProtectionProfile[2];
 *   struct {
 *      SRTPProtectionProfile SRTPProtectionProfiles<2..2^16-1>;
 *      opaque srtp_mki<0..255>;
 *   } UseSRTPData;
 *
 * The client lists the profiles it supports; the server answers with exactly one
 * (RFC 5764 §4.1.3 checks that is the state machine's job). Profile ids are numbers
 * here (0x0001 SRTP_AES128_CM_HMAC_SHA1_80, 0x0007 AEAD_AES_128_GCM, …); the SRTP
 * module owns their parameters.
 */
import { Writer, readAll } from '../../wire.ts';

export interface UseSrtpExtension {
  readonly kind: 'use_srtp';
  readonly profiles: readonly number[];
  /** The MKI; empty when none is used (Chromium sends it empty). */
  readonly mki: Uint8Array;
}

export function parseUseSrtp(data: Uint8Array): UseSrtpExtension {
  return readAll(data, 'use_srtp', (reader) => ({
    kind: 'use_srtp',
    profiles: reader.u16List(2, 'SRTPProtectionProfiles', { min: 2 }),
    mki: reader.vector(1, 'srtp_mki'),
  }));
}

export function serializeUseSrtp(extension: UseSrtpExtension): Uint8Array {
  return new Writer()
    .u16List(2, 'SRTPProtectionProfiles', extension.profiles, { min: 2 })
    .vector(1, 'srtp_mki', extension.mki)
    .finish();
}
