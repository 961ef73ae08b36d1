/**
 * Certificate (RFC 5246 §7.4.2, §7.4.6): the sender's chain, own certificate first.
 *
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct {
 *       ASN.1Cert certificate_list<0..2^24-1>;
 *   } Certificate;
 *
 * Certificates stay DER bytes; the x509 module parses them. An empty list is a
 * client declining to authenticate (§7.4.6) — a WebRTC server must reject that.
 */
import { Writer, readAll } from '../wire.ts';

export interface Certificate {
  readonly kind: 'certificate';
  /** DER certificates, sender's own first. */
  readonly certificates: readonly Uint8Array[];
}

const CERT_BOUNDS = { min: 1 };

export function parseCertificate(body: Uint8Array): Certificate {
  return readAll(body, 'Certificate', (reader) => ({
    kind: 'certificate',
    certificates: reader.vectorList(3, 'certificate_list', 3, 'ASN.1Cert', CERT_BOUNDS),
  }));
}

export function serializeCertificate(message: Certificate): Uint8Array {
  return new Writer(1024).vectorList(3, 'certificate_list', 3, 'ASN.1Cert', message.certificates, CERT_BOUNDS).finish();
}
