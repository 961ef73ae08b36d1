/**
 * PEM, the textual encoding of DER (RFC 7468), for node:https and files:
 *
 *   -----BEGIN CERTIFICATE-----
 *   MIIBFjCBvaADAgECAgkA3KqBXt0HbYwwCgYIKoZIzj0EAwIwETEPMA0GA1UEAwwG
 *   … base64, 64 characters a line …
 *   -----END CERTIFICATE-----
 *
 * RFC 7468 §2: "Generators MUST wrap the base64-encoded lines so that each
 * line consists of exactly 64 characters except for the final line", and
 * parsers should be lenient about whitespace (§3, laxtextualmsg).
 */
import { X509ParseError } from './errors.ts';

/** RFC 7468 §5–§13 labels: the ones this project reads or writes. */
export type PemLabel = 'CERTIFICATE' | 'PRIVATE KEY' | 'ENCRYPTED PRIVATE KEY' | 'PUBLIC KEY';

const LINE_LENGTH = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One PEM block, lines ending in '\n' (RFC 7468 §3 stricttextualmsg). */
export function toPem(der: Uint8Array, label: PemLabel): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += LINE_LENGTH) lines.push(base64.slice(i, i + LINE_LENGTH));
  return `-----BEGIN ${label}-----\n${lines.map((line) => `${line}\n`).join('')}-----END ${label}-----\n`;
}

/**
 * The DER of the first `label` block in `text`; text around the block is
 * ignored (RFC 7468 §2 explanatory text). Throws X509ParseError `BAD_PEM`.
 */
export function fromPem(text: string, label: PemLabel): Buffer {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = text.indexOf(begin);
  if (start < 0) throw new X509ParseError('BAD_PEM', `x509: no "${begin}" line`);
  const stop = text.indexOf(end, start + begin.length);
  if (stop < 0) throw new X509ParseError('BAD_PEM', `x509: no "${end}" after "${begin}"`);
  // RFC 7468 §3: whitespace (including line breaks) may appear anywhere in the base64.
  const base64 = text.slice(start + begin.length, stop).replace(/[ \t\r\n]+/g, '');
  if (base64.length === 0 || !BASE64.test(base64)) {
    throw new X509ParseError('BAD_PEM', `x509: the ${label} block is not base64 (RFC 7468 §3)`);
  }
  return Buffer.from(base64, 'base64');
}
