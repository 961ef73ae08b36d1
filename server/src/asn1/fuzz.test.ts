/**
 * Seeded fuzzing of the DER reader and every typed decoder: random buffers and
 * mutations of real certificates and hand-built values. The reader may only
 * throw Asn1ParseError; what it accepts must re-encode to the very same bytes
 * (DER has one encoding per value, so a strict reader round-trips exactly),
 * and so must every primitive a typed decoder accepts. `npm run fuzz` raises
 * the count through FUZZ_CASES; the `fuzz` helper reports a failing input as hex.
 */
import { fuzz } from '#server/common/fuzz.ts';
import { describe, expect, it } from 'vitest';
import * as der from './index.ts';
import type { Asn1Node, Asn1Tag } from './index.ts';
import { fixtureCertificates, hex } from './test-helpers.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const TIMEOUT_MS = Math.max(15_000, CASES / 10);

/** Each primitive type whose decoder has an encoder to pair with, for the round-trip check. */
const reencoders: { tag: Asn1Tag; reencode: (node: Asn1Node) => Uint8Array }[] = [
  { tag: der.Tag.INTEGER, reencode: (node) => der.encodeInteger(der.decodeInteger(node)) },
  { tag: der.Tag.BOOLEAN, reencode: (node) => der.encodeBoolean(der.decodeBoolean(node)) },
  { tag: der.Tag.NULL, reencode: (node) => (der.decodeNull(node), der.encodeNull()) },
  {
    tag: der.Tag.BIT_STRING,
    reencode: (node) => {
      const { bytes, unusedBits } = der.decodeBitString(node);
      return der.encodeBitString(bytes, unusedBits);
    },
  },
  { tag: der.Tag.OCTET_STRING, reencode: (node) => der.encodeOctetString(der.decodeOctetString(node)) },
  { tag: der.Tag.OBJECT_IDENTIFIER, reencode: (node) => der.encodeOid(der.decodeOid(node)) },
  { tag: der.Tag.UTF8_STRING, reencode: (node) => der.encodeUtf8String(der.decodeString(node)) },
  { tag: der.Tag.PRINTABLE_STRING, reencode: (node) => der.encodePrintableString(der.decodeString(node)) },
  { tag: der.Tag.UTC_TIME, reencode: (node) => der.encodeUtcTime(der.decodeTime(node)) },
  { tag: der.Tag.GENERALIZED_TIME, reencode: (node) => der.encodeGeneralizedTime(der.decodeTime(node)) },
];

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** The tree written back out, from tags and contents alone. */
function reencodeTree(node: Asn1Node): Uint8Array {
  const content = node.tag.constructed ? Buffer.concat(node.children.map(reencodeTree)) : node.content;
  return der.encodeTlv(node.tag, content);
}

function checkPrimitives(node: Asn1Node): void {
  for (const child of node.children) checkPrimitives(child);
  const codec = reencoders.find(({ tag }) => der.sameTag(tag, node.tag));
  if (codec === undefined) return;
  let reencoded: Uint8Array;
  try {
    reencoded = codec.reencode(node);
  } catch (error) {
    if (error instanceof der.Asn1ParseError) return;
    throw error;
  }
  if (!sameBytes(reencoded, node.raw)) throw new Error(`a decoded value at offset ${node.offset} re-encodes differently`);
}

const { chromium, probe } = fixtureCertificates();
const seeds = [
  chromium,
  probe,
  hex(`30 29
         01 01 ff   05 00   03 02 04 f0   04 00   06 03 88 37 03
         0c 02 c3 a9   13 02 55 53
         18 0f 32 30 35 30 30 31 30 31 30 30 30 30 30 30 5a`),
  hex('9f 81 48 81 80' + '00'.repeat(128)),
];

describe('asn1 fuzz', () => {
  it(
    `parseDer and the typed decoders on ${CASES} random and mutated inputs`,
    () => {
      let accepted = 0;
      fuzz({
        seed: 0x61736e31,
        cases: CASES,
        seeds,
        maxRandomLength: 64,
        check: (input) => {
          let root: Asn1Node;
          try {
            root = der.parseDer(input);
          } catch (error) {
            if (error instanceof der.Asn1ParseError) return;
            throw error;
          }
          if (!sameBytes(reencodeTree(root), input)) throw new Error('the tree re-encodes differently');
          checkPrimitives(root);
          accepted++;
        },
      });
      // Mutations must keep reaching the accepting paths, or the round-trip check above proves nothing.
      expect(accepted).toBeGreaterThan(CASES / 20);
    },
    TIMEOUT_MS,
  );
});
