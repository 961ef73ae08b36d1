/**
 * Certificate extensions (RFC 5280 §4.2), listed but not interpreted: a
 * WebRTC peer is trusted by fingerprint, so no extension changes what DTLS does.
 *
 *   Extensions  ::=  SEQUENCE SIZE (1..MAX) OF Extension        RFC 5280 §4.1
 *   Extension  ::=  SEQUENCE  {
 *        extnID      OBJECT IDENTIFIER,
 *        critical    BOOLEAN DEFAULT FALSE,
 *        extnValue   OCTET STRING
 *                    -- contains the DER encoding of an ASN.1 value
 *                    -- corresponding to the extension type identified
 *                    -- by extnID
 *        }
 */
import {
  Asn1ParseError,
  decodeBoolean,
  decodeOctetString,
  decodeOid,
  expectTag,
  SequenceReader,
  Tag,
  type Asn1Node,
} from '../asn1/index.ts';
import { X509ParseError } from './errors.ts';

export interface CertificateExtension {
  /** extnID, dotted: '2.5.29.19' is basicConstraints. */
  readonly oid: string;
  readonly critical: boolean;
  /** extnValue's octets (the extension's own DER), copied. */
  readonly value: Uint8Array;
}

/** `node` is the `[3] EXPLICIT` wrapper around Extensions. */
export function parseExtensions(node: Asn1Node): CertificateExtension[] {
  const wrapper = new SequenceReader(node, 'extensions');
  const list = wrapper.next(Tag.SEQUENCE, 'Extensions');
  wrapper.end();
  if (list.children.length === 0) {
    throw new Asn1ParseError('MISSING_ELEMENT', `asn1: Extensions at offset ${list.offset} is empty (SIZE (1..MAX))`);
  }
  const extensions: CertificateExtension[] = [];
  const seen = new Set<string>();
  for (const extension of list.children) {
    expectTag(extension, Tag.SEQUENCE, 'Extension');
    const fields = new SequenceReader(extension, 'Extension');
    const oid = decodeOid(fields.next(Tag.OBJECT_IDENTIFIER, 'extnID'));
    // DER omits a DEFAULT value (X.690 §11.5), but encoders that write FALSE are common and harmless.
    const critical = fields.optional(Tag.BOOLEAN);
    const value = decodeOctetString(fields.next(Tag.OCTET_STRING, 'extnValue'));
    fields.end();
    // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular extension."
    if (seen.has(oid)) throw new X509ParseError('DUPLICATE_EXTENSION', `x509: extension ${oid} appears twice`);
    seen.add(oid);
    extensions.push({ oid, critical: critical !== undefined && decodeBoolean(critical), value: new Uint8Array(value) });
  }
  return extensions;
}
