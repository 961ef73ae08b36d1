/**
 * Random and mutated datagrams (server/src/common/fuzz.ts, seeded so a failure reproduces). A STUN
 * server reads whatever arrives on its port, so the only acceptable outcomes are a message or a
 * StunCodecError: never another exception, never a hang.
 */
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '#server/common/fuzz.ts';
import { RFC5769_VECTORS } from '#server/stun/rfc5769-vectors.ts';
import { describe, expect, it } from 'vitest';
import { StunCodecError, checkFingerprint, checkIntegrity, decodeStunMessage, decodeXorMappedAddress, encodeStunMessage } from '../stun-codec.ts';
import { TID, pairs, toHex } from './support.ts';

const SEEDS = [...RFC5769_VECTORS.map((vector) => vector.bytes), ...listFixtures('stun').map((file) => new Uint8Array(readFixture(file)))];

/** Runs `action`; a StunCodecError counts as an answer, anything else thrown fails the case. */
function codecErrorOr<T>(action: () => T): T | StunCodecError {
  try {
    return action();
  } catch (error) {
    if (error instanceof StunCodecError) return error;
    throw error;
  }
}

describe('10-stun: fuzz', () => {
  it('decodeStunMessage: 3000 inputs give a StunCodecError or a message that encodes back to an equal one (or is refused for its order)', () => {
    fuzz({
      seed: 0x2112a442,
      cases: 3000,
      seeds: SEEDS,
      maxRandomLength: 96,
      check: (input) => {
        const message = codecErrorOr(() => decodeStunMessage(input));
        if (message instanceof StunCodecError) return;
        let encoded: Uint8Array;
        try {
          encoded = encodeStunMessage(message);
        } catch (error) {
          // Refusing is right only for an attribute after MESSAGE-INTEGRITY or FINGERPRINT.
          const types = message.attributes.map(({ type }) => type);
          const closing = types.findIndex((type) => type === 0x0008 || type === 0x8028);
          expect(error).toBeInstanceOf(TypeError);
          expect(closing >= 0 && closing < types.length - 1).toBe(true);
          return;
        }
        const again = decodeStunMessage(encoded);
        expect({ type: again.type, id: toHex(again.transactionId), attributes: pairs(again.attributes) }).toEqual({
          type: message.type,
          id: toHex(message.transactionId),
          attributes: pairs(message.attributes),
        });
      },
    });
  });

  it('checkIntegrity and checkFingerprint: 3000 inputs give a boolean or a StunCodecError', () => {
    fuzz({
      seed: 0x5354554e,
      cases: 3000,
      seeds: SEEDS,
      maxRandomLength: 96,
      check: (input) => {
        for (const answer of [codecErrorOr(() => checkIntegrity(input, 'VOkJxbRl1RmTxUk/WvJxBt')), codecErrorOr(() => checkFingerprint(input))]) {
          if (!(answer instanceof StunCodecError)) expect(typeof answer).toBe('boolean');
        }
      },
    });
  });

  it('decodeXorMappedAddress: 3000 values give an address or BAD_ADDRESS', () => {
    const seeds = ['0001f5235e12a443', '00022c842112a442000102030405060708090a0a'].map((text) => Uint8Array.from(Buffer.from(text, 'hex')));
    fuzz({
      seed: 0x0020,
      cases: 3000,
      seeds,
      maxRandomLength: 24,
      check: (input) => {
        const answer = codecErrorOr(() => decodeXorMappedAddress(input, TID));
        if (answer instanceof StunCodecError) expect(answer.code).toBe('BAD_ADDRESS');
        else expect(answer.family === 'IPv4' ? input.length === 8 : input.length === 20).toBe(true);
      },
    });
  });
});
