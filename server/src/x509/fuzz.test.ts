/**
 * Seeded fuzzing of parseCertificate: random buffers and mutations of
 * Chromium's certificate, the openssl-made probe certificate (v3 extensions)
 * and one of ours. parseCertificate may only throw X509ParseError. What it
 * accepts must hold together: tbsCertificate is the first component's exact
 * bytes, publicKey() gives a key or X509ParseError, and verifySelfSignature
 * answers true or false. `npm run fuzz` raises the count through FUZZ_CASES;
 * the `fuzz` helper reports a failing input as hex.
 */
import { fuzz } from '#server/common/fuzz.ts';
import { describe, expect, it } from 'vitest';
import { parseDer } from '../asn1/index.ts';
import { fixtureCertificates } from '../asn1/test-helpers.ts';
import { parseCertificate, verifySelfSignature, type ParsedCertificate } from './certificate.ts';
import { X509ParseError } from './errors.ts';
import { generateCertificate } from './generate.ts';
import { decodeSubjectAltName, encodeSubjectAltName, type GeneralName } from './subject-alt-name.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
const TIMEOUT_MS = Math.max(15_000, CASES / 10);
/** Signature checks cost ~0.1 ms each; every 16th accepted input keeps the run short. */
const VERIFY_EVERY = 16;

const { chromium, probe } = fixtureCertificates();
const ours = generateCertificate().der;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** publicKey() and verifySelfSignature may refuse a key crypto cannot load, and only with X509ParseError. */
function checkKeyAndSignature(certificate: ParsedCertificate): void {
  try {
    certificate.publicKey();
    if (typeof verifySelfSignature(certificate) !== 'boolean') throw new Error('verifySelfSignature returned a non-boolean');
  } catch (error) {
    if (error instanceof X509ParseError && error.code === 'BAD_PUBLIC_KEY') return;
    throw error;
  }
}

describe('x509 fuzz', () => {
  it(
    `parseCertificate on ${CASES} random and mutated inputs`,
    () => {
      let accepted = 0;
      fuzz({
        seed: 0x78353039,
        cases: CASES,
        seeds: [chromium, probe, ours],
        maxRandomLength: 300,
        check: (input) => {
          let certificate: ParsedCertificate;
          try {
            certificate = parseCertificate(input);
          } catch (error) {
            if (error instanceof X509ParseError) return;
            throw error;
          }
          accepted++;
          if (!sameBytes(certificate.tbsCertificate, parseDer(input).children[0]!.raw)) {
            throw new Error('tbsCertificate is not the exact bytes of the first component');
          }
          if (accepted % VERIFY_EVERY === 0) checkKeyAndSignature(certificate);
        },
      });
      // Mutations must keep reaching the accepting paths, or the checks above prove nothing.
      expect(accepted).toBeGreaterThan(CASES / 50);
    },
    TIMEOUT_MS,
  );

  it(
    `decodeSubjectAltName on ${CASES} random and mutated inputs`,
    () => {
      let accepted = 0;
      fuzz({
        seed: 0x73616e21,
        cases: CASES,
        seeds: [encodeSubjectAltName(['localhost', '127.0.0.1', '::1', '*.example.com']), encodeSubjectAltName(['fe80::1'])],
        maxRandomLength: 64,
        check: (input) => {
          let names: GeneralName[];
          try {
            names = decodeSubjectAltName(input);
          } catch (error) {
            if (error instanceof X509ParseError) return;
            throw error;
          }
          accepted++;
          if (names.length === 0) throw new Error('accepted an empty GeneralNames');
        },
      });
      expect(accepted).toBeGreaterThan(CASES / 50);
    },
    TIMEOUT_MS,
  );

  it('verifies every seed, so the mutations start from good certificates', () => {
    for (const der of [chromium, probe, ours]) expect(verifySelfSignature(parseCertificate(der))).toBe(true);
  });
});
