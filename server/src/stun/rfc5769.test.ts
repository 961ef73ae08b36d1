import { describe, expect, it } from 'vitest';
import { verifyFingerprint } from './fingerprint.ts';
import { longTermKey, shortTermKey, verifyMessageIntegrity } from './integrity.ts';
import { parseStunMessage, serializeStunMessage } from './message.ts';
import { RFC5769_VECTORS, type Rfc5769Vector } from './rfc5769-vectors.ts';

function keyOf({ credentials }: Rfc5769Vector): Uint8Array {
  return credentials.kind === 'short-term' ? shortTermKey(credentials.password) : longTermKey(credentials);
}

describe('RFC 5769 test vectors', () => {
  for (const vector of RFC5769_VECTORS) {
    describe(vector.name, () => {
      const hasFingerprint = vector.want.attributes.some((a) => a.kind === 'FINGERPRINT');

      it('parses to every field the RFC states', () => {
        expect(parseStunMessage(vector.bytes)).toEqual(vector.want);
      });

      it('verifies MESSAGE-INTEGRITY with the vector key, and not with another', () => {
        expect(verifyMessageIntegrity(vector.bytes, keyOf(vector))).toBe(true);
        expect(verifyMessageIntegrity(vector.bytes, shortTermKey('VOkJxbRl1RmTxUk/WvJxBu'))).toBe(false);
      });

      it(`${hasFingerprint ? 'verifies' : 'has no'} FINGERPRINT`, () => {
        expect(verifyFingerprint(vector.bytes)).toBe(hasFingerprint);
      });

      it('serializes its parsed form back to the same bytes, with the vector padding byte', () => {
        const parsed = parseStunMessage(vector.bytes);
        expect(serializeStunMessage(parsed, { paddingByte: vector.paddingByte })).toEqual(vector.bytes);
      });

      it('computes the same MESSAGE-INTEGRITY and FINGERPRINT when building the message from its fields', () => {
        const fields = vector.want.attributes.filter((a) => a.kind !== 'MESSAGE-INTEGRITY' && a.kind !== 'FINGERPRINT');
        const built = serializeStunMessage(
          { ...vector.want, attributes: fields },
          { integrityKey: keyOf(vector), fingerprint: hasFingerprint, paddingByte: vector.paddingByte },
        );
        expect(built).toEqual(vector.bytes);
      });
    });
  }

  it('§2.1–§2.3 pad with 0x20, so zero padding changes the bytes but not the parsed message', () => {
    const request = RFC5769_VECTORS[0]!;
    const zeroPadded = serializeStunMessage(parseStunMessage(request.bytes));
    expect(zeroPadded).not.toEqual(request.bytes);
    expect(parseStunMessage(zeroPadded)).toEqual(request.want);
    // The MESSAGE-INTEGRITY value was copied from the vector, which was computed over
    // the 0x20 padding, so it no longer matches: integrity is checked on received bytes.
    expect(verifyMessageIntegrity(zeroPadded, shortTermKey('VOkJxbRl1RmTxUk/WvJxBt'))).toBe(false);
  });

  it('§2.4: the RFC password becomes the vector password under SASLprep (NFKC, soft hyphen removed)', () => {
    const rfcPassword = 'The\u00adM\u00aatr\u2168';
    expect(rfcPassword.replace(/\u00ad/g, '').normalize('NFKC')).toBe('TheMatrIX');
  });
});
