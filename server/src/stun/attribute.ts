/**
 * The typed attribute union and the registry that maps attribute types to
 * their codecs. Every attribute this package understands has one file in
 * attributes/; everything else becomes a RawAttribute and is kept as is.
 */
import { AttributeType } from './attribute-type.ts';
import type { AttributeCodec, AttributeContext } from './attributes/codec.ts';
import { type ErrorCodeAttribute, parseErrorCode, serializeErrorCode } from './attributes/error-code.ts';
import { type FingerprintAttribute, fingerprintCodec } from './attributes/fingerprint.ts';
import { type IceControlledAttribute, iceControlledCodec } from './attributes/ice-controlled.ts';
import { type IceControllingAttribute, iceControllingCodec } from './attributes/ice-controlling.ts';
import { type MappedAddressAttribute, parseMappedAddress, serializeMappedAddress } from './attributes/mapped-address.ts';
import { type MessageIntegrityAttribute, parseMessageIntegrity, serializeMessageIntegrity } from './attributes/message-integrity.ts';
import {
  type MessageIntegritySha256Attribute,
  parseMessageIntegritySha256,
  serializeMessageIntegritySha256,
} from './attributes/message-integrity-sha256.ts';
import { type NonceAttribute, nonceCodec } from './attributes/nonce.ts';
import { type PriorityAttribute, priorityCodec } from './attributes/priority.ts';
import type { RawAttribute } from './attributes/raw-attribute.ts';
import { type RealmAttribute, realmCodec } from './attributes/realm.ts';
import { type SoftwareAttribute, softwareCodec } from './attributes/software.ts';
import { type UnknownAttributesAttribute, parseUnknownAttributes, serializeUnknownAttributes } from './attributes/unknown-attributes.ts';
import { type UseCandidateAttribute, parseUseCandidate, serializeUseCandidate } from './attributes/use-candidate.ts';
import { type UsernameAttribute, usernameCodec } from './attributes/username.ts';
import { type XorMappedAddressAttribute, parseXorMappedAddress, serializeXorMappedAddress } from './attributes/xor-mapped-address.ts';
import { checkUint, copyBytes } from './bytes.ts';

/** An attribute this package decodes, tagged by its RFC name. */
export type KnownAttribute =
  | MappedAddressAttribute
  | XorMappedAddressAttribute
  | UsernameAttribute
  | MessageIntegrityAttribute
  | MessageIntegritySha256Attribute
  | FingerprintAttribute
  | ErrorCodeAttribute
  | UnknownAttributesAttribute
  | RealmAttribute
  | NonceAttribute
  | SoftwareAttribute
  | PriorityAttribute
  | UseCandidateAttribute
  | IceControllingAttribute
  | IceControlledAttribute;

export type StunAttribute = KnownAttribute | RawAttribute;

/** A registry row for a parse/serialize pair; the compiler checks `kind` against what `parse` returns. */
function codec<A extends KnownAttribute>(fields: AttributeCodec<A>): AttributeCodec<A> {
  return fields;
}

/** One row per attribute: RFC 8489 §14 and §18.3, RFC 8445 §16.1. */
const CODECS = [
  codec({ type: AttributeType.MappedAddress, kind: 'MAPPED-ADDRESS', parse: parseMappedAddress, serialize: serializeMappedAddress }),
  codec({ type: AttributeType.XorMappedAddress, kind: 'XOR-MAPPED-ADDRESS', parse: parseXorMappedAddress, serialize: serializeXorMappedAddress }),
  usernameCodec,
  codec({ type: AttributeType.MessageIntegrity, kind: 'MESSAGE-INTEGRITY', parse: parseMessageIntegrity, serialize: serializeMessageIntegrity }),
  codec({
    type: AttributeType.MessageIntegritySha256,
    kind: 'MESSAGE-INTEGRITY-SHA256',
    parse: parseMessageIntegritySha256,
    serialize: serializeMessageIntegritySha256,
  }),
  fingerprintCodec,
  codec({ type: AttributeType.ErrorCode, kind: 'ERROR-CODE', parse: parseErrorCode, serialize: serializeErrorCode }),
  codec({ type: AttributeType.UnknownAttributes, kind: 'UNKNOWN-ATTRIBUTES', parse: parseUnknownAttributes, serialize: serializeUnknownAttributes }),
  realmCodec,
  nonceCodec,
  softwareCodec,
  priorityCodec,
  codec({ type: AttributeType.UseCandidate, kind: 'USE-CANDIDATE', parse: parseUseCandidate, serialize: serializeUseCandidate }),
  iceControllingCodec,
  iceControlledCodec,
] as const;

// Compile-time check that every KnownAttribute kind has a codec in the list.
const everyKindHasACodec: Exclude<KnownAttribute['kind'], (typeof CODECS)[number]['kind']> extends never ? true : never = true;
void everyKindHasACodec;

type AnyCodec = AttributeCodec<KnownAttribute>;
const codecByType = new Map<number, AnyCodec>(CODECS.map((entry) => [entry.type, entry as AnyCodec]));
const codecByKind = new Map<string, AnyCodec>(CODECS.map((entry) => [entry.kind, entry as AnyCodec]));

/** Decodes one attribute value (unpadded); unknown types become RawAttribute. */
export function parseAttribute(type: number, value: Uint8Array, context: AttributeContext): StunAttribute {
  const codec = codecByType.get(type);
  return codec ? codec.parse(value, context) : { kind: 'RAW', type, value: copyBytes(value) };
}

/** The type number and unpadded value bytes of one attribute. */
export function serializeAttribute(attribute: StunAttribute, context: AttributeContext): { type: number; value: Uint8Array } {
  if (attribute.kind === 'RAW') return { type: checkUint('attribute type', attribute.type, 16), value: attribute.value };
  const codec = codecByKind.get(attribute.kind);
  if (!codec) throw new TypeError(`stun: unknown attribute kind ${JSON.stringify(attribute.kind)}`);
  return { type: codec.type, value: codec.serialize(attribute, context) };
}
