/**
 * Distinguished names, only as far as the common name (RFC 5280 §4.1.2.4):
 *
 *   Name ::= CHOICE { -- only one possibility for now --
 *     rdnSequence  RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE {
 *     type     AttributeType,            -- OBJECT IDENTIFIER
 *     value    AttributeValue }          -- ANY DEFINED BY type
 */
import {
  decodeOid,
  decodeString,
  encodeOid,
  encodeSequence,
  encodeSet,
  encodeUtf8String,
  expectTag,
  isDecodableString,
  SequenceReader,
  Tag,
  type Asn1Node,
} from '../asn1/index.ts';
import { Oid } from './algorithms.ts';

/**
 * `CN=<commonName>`, as a UTF8String: RFC 5280 §4.1.2.4 says new names
 * "MUST use the PrintableString or UTF8String encoding", and UTF8String is
 * what Chromium writes too.
 */
export function encodeCommonName(commonName: string): Buffer {
  const attribute = encodeSequence([encodeOid(Oid.commonName), encodeUtf8String(commonName)]);
  return encodeSequence([encodeSet([attribute])]);
}

/**
 * The name's common name: the last one if there are several (the most
 * specific, as RDNs go from the root down), undefined if there is none or it
 * is in a legacy string type (TeletexString, BMPString, …) we do not decode.
 */
export function commonNameOf(name: Asn1Node, what: string): string | undefined {
  expectTag(name, Tag.SEQUENCE, what);
  let commonName: string | undefined;
  for (const rdn of name.children) {
    expectTag(rdn, Tag.SET, `${what} RelativeDistinguishedName`);
    for (const attribute of rdn.children) {
      const fields = new SequenceReader(attribute, `${what} AttributeTypeAndValue`);
      const type = decodeOid(fields.next(Tag.OBJECT_IDENTIFIER, 'type'));
      const value = fields.nextAny('value');
      fields.end();
      if (type === Oid.commonName && isDecodableString(value)) commonName = decodeString(value);
    }
  }
  return commonName;
}
