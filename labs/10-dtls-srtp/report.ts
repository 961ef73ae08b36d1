/**
 * The lines the lab prints once a handshake completes. The last three are what the lab test,
 * and a student comparing two terminals or the lab with openssl, rely on:
 *
 *   cipher-suite: TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, x25519, extended master secret yes
 *   srtp-profile: SRTP_AES128_CM_HMAC_SHA1_80
 *   keying-material: <hex of EXTRACTOR-dtls_srtp, 2 × (master key + salt) bytes: 60 or 56>
 *   peer-fingerprint: sha-256 AB:CD:…
 *
 * With --keys, the material split into master keys (RFC 5764 §4.2) and each direction's
 * session keys (RFC 3711 §4.3), from the exercise's reference solution.
 */
import type { DtlsConnectedInfo, DtlsStats } from '#server/dtls/index.ts';
import { DTLS_SRTP_EXPORTER_LABEL, type SrtpProfileName, srtpKeyingMaterialLength } from '#server/srtp/index.ts';
import { type SessionKeys, deriveSessionKeys, splitKeyingMaterial, type SrtpMasterKey } from '#solutions/10-dtls-srtp/srtp-kdf.ts';

/** The RFC 5705 exporter of a connected DtlsConnection. */
export type Exporter = (label: string, length: number) => Uint8Array;

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

export function handshakeLines(info: DtlsConnectedInfo, exporter: Exporter, options: { keys: boolean }): string[] {
  const lines = [
    `cipher-suite: ${info.cipherSuite}, ${info.group}, extended master secret ${info.extendedMasterSecret ? 'yes' : 'no'}`,
    `srtp-profile: ${info.srtpProfile?.name ?? 'none'}`,
  ];
  if (info.srtpProfile !== undefined) {
    // DTLS-SRTP's export (RFC 5764 §4.2): label EXTRACTOR-dtls_srtp, no context, 2 × (key + salt) bytes.
    const material = exporter(DTLS_SRTP_EXPORTER_LABEL, srtpKeyingMaterialLength(info.srtpProfile));
    lines.push(`keying-material: ${hex(material)}`);
    if (options.keys) lines.push(...keyLines(info.srtpProfile.name, material));
  }
  lines.push(`peer-fingerprint: ${info.remoteFingerprint}`);
  return lines;
}

/** One line of counters, for when the connection ends. */
export function statsLine(stats: DtlsStats): string {
  const dropped = Object.entries(stats.dropped).filter(([, count]) => count > 0);
  const drops = dropped.length === 0 ? 'none dropped' : `dropped ${dropped.map(([reason, count]) => `${count} ${reason}`).join(', ')}`;
  return `stats: ${stats.datagramsReceived} datagrams in, ${stats.datagramsSent} out, ${stats.retransmissions} flights retransmitted, ${drops}`;
}

/** The two profiles the exercise covers; the others print only the raw material. */
function isExerciseProfile(profile: SrtpProfileName): profile is 'SRTP_AES128_CM_HMAC_SHA1_80' | 'SRTP_AEAD_AES_128_GCM' {
  return profile === 'SRTP_AES128_CM_HMAC_SHA1_80' || profile === 'SRTP_AEAD_AES_128_GCM';
}

function keyLines(profile: SrtpProfileName, material: Uint8Array): string[] {
  if (!isExerciseProfile(profile)) return [`  (--keys covers SRTP_AES128_CM_HMAC_SHA1_80 and SRTP_AEAD_AES_128_GCM, not ${profile})`];
  const { client, server } = splitKeyingMaterial(profile, material);
  const session = (name: string, keys: SessionKeys): string =>
    `      ${name} encryption key ${hex(keys.encryptionKey)}  auth key ${hex(keys.authKey) || '(none: AEAD)'}  salt ${hex(keys.salt)}`;
  const direction = (name: string, master: SrtpMasterKey): string[] => {
    const { rtp, rtcp } = deriveSessionKeys(profile, master.masterKey, master.masterSalt);
    return [`  ${name}: master key ${hex(master.masterKey)}  master salt ${hex(master.masterSalt)}`, session('srtp ', rtp), session('srtcp', rtcp)];
  };
  return [...direction('client write (the DTLS client sends with these)', client), ...direction('server write', server)];
}
