/**
 * The subject alternative name extension (RFC 5280 §4.2.1.6): the host names
 * and IP addresses a TLS server certificate is valid for. Browsers match the
 * URL's host against it and ignore the common name (RFC 6125 §6.4.4; Chromium
 * since version 58), so `npm start --https` needs it; a DTLS certificate,
 * trusted by fingerprint, does not.
 *
 *   id-ce-subjectAltName OBJECT IDENTIFIER ::=  { id-ce 17 }
 *   SubjectAltName ::= GeneralNames
 *   GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 *   GeneralName ::= CHOICE {              -- IMPLICIT tags (RFC 5280 Appendix A.2)
 *        otherName                 [0]  OtherName,
 *        rfc822Name                [1]  IA5String,
 *        dNSName                   [2]  IA5String,
 *        x400Address               [3]  ORAddress,
 *        directoryName             [4]  Name,
 *        ediPartyName              [5]  EDIPartyName,
 *        uniformResourceIdentifier [6]  IA5String,
 *        iPAddress                 [7]  OCTET STRING,   -- 4 octets (IPv4) or 16 (IPv6)
 *        registeredID              [8]  OBJECT IDENTIFIER }
 */
import { isIP } from 'node:net';
import { Asn1ParseError, contextTag, encodeSequence, encodeTlv, expectTag, parseDer, sameTag, Tag } from '../asn1/index.ts';
import { formatIp, IPV4_SIZE, IPV6_SIZE, parseIp } from '../stun/ip-address.ts';
import { X509ParseError } from './errors.ts';

export const SUBJECT_ALT_NAME_OID = '2.5.29.17';

/** A name the certificate is valid for; `other` stands for the GeneralName kinds TLS servers do not use. */
export type GeneralName =
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'ip'; readonly value: string }
  | { readonly type: 'other'; readonly tagNumber: number };

const DNS_NAME_TAG = 2;
const IP_ADDRESS_TAG = 7;
/**
 * RFC 5280 §4.2.1.6: dNSName "MUST be in the 'preferred name syntax'" (letters,
 * digits, hyphens, dots) and internationalized names go in as A-labels (RFC 5890),
 * so plain ASCII; a leading '*.' label is the wildcard RFC 6125 §6.4.3 allows.
 */
const DNS_NAME = /^(?:\*\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const MAX_DNS_NAME_LENGTH = 253;

/**
 * The extnValue of a subjectAltName extension: each name that parses as an IP
 * address becomes an iPAddress, every other one a dNSName. Throws RangeError
 * for an empty list or a name that is neither.
 */
export function encodeSubjectAltName(names: readonly string[]): Buffer {
  if (names.length === 0) throw new RangeError('x509: subjectAltName needs at least one name (SIZE (1..MAX))');
  return encodeSequence(names.map(encodeGeneralName));
}

function encodeGeneralName(name: string): Buffer {
  const family = isIP(name);
  if (family !== 0) return encodeTlv(contextTag(IP_ADDRESS_TAG, false), parseIp(name, family === 4 ? 'IPv4' : 'IPv6'));
  if (name.length > MAX_DNS_NAME_LENGTH || !DNS_NAME.test(name)) {
    throw new RangeError(`x509: ${JSON.stringify(name)} is neither an IP address nor a DNS name (RFC 5280 §4.2.1.6)`);
  }
  return encodeTlv(contextTag(DNS_NAME_TAG, false), Buffer.from(name, 'ascii'));
}

/** Reads an extnValue written by anyone. Throws X509ParseError `BAD_SUBJECT_ALT_NAME`. */
export function decodeSubjectAltName(value: Uint8Array): GeneralName[] {
  const bad = (reason: string, cause?: unknown) =>
    new X509ParseError('BAD_SUBJECT_ALT_NAME', `x509: subjectAltName ${reason}`, cause === undefined ? undefined : { cause });
  let names;
  try {
    names = parseDer(value);
    expectTag(names, Tag.SEQUENCE, 'GeneralNames');
  } catch (error) {
    if (error instanceof Asn1ParseError) throw bad(`is not DER GeneralNames: ${error.message}`, error);
    throw error;
  }
  if (names.children.length === 0) throw bad('is empty (SIZE (1..MAX))');
  return names.children.map((name): GeneralName => {
    if (name.tag.tagClass !== 'context') throw bad(`has a ${name.tag.tagClass} tag where a GeneralName's [n] belongs`);
    const content = Buffer.from(name.content.buffer, name.content.byteOffset, name.content.length);
    if (sameTag(name.tag, contextTag(DNS_NAME_TAG, false))) {
      // IA5String is 7-bit ASCII (X.680 §41.2).
      if (content.some((byte) => byte > 0x7f)) throw bad('has a dNSName outside IA5String');
      return { type: 'dns', value: content.toString('ascii') };
    }
    if (sameTag(name.tag, contextTag(IP_ADDRESS_TAG, false))) {
      // RFC 5280 §4.2.1.6: "the octet string MUST contain exactly four octets" for IPv4, sixteen for IPv6.
      if (content.length !== IPV4_SIZE && content.length !== IPV6_SIZE) {
        throw bad(`has an iPAddress of ${content.length} octets (4 or 16)`);
      }
      return { type: 'ip', value: formatIp(content) };
    }
    return { type: 'other', tagNumber: name.tag.number };
  });
}

/** The DNS names and IP addresses, in order; an empty list when the certificate has no subjectAltName. */
export function subjectAltNames(extensions: readonly { readonly oid: string; readonly value: Uint8Array }[]): GeneralName[] {
  const extension = extensions.find((candidate) => candidate.oid === SUBJECT_ALT_NAME_OID);
  return extension === undefined ? [] : decodeSubjectAltName(extension.value);
}
