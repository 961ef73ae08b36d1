/**
 * Test-only helpers for the asn1 and x509 tests: bytes written as annotated
 * hex, the code of a thrown ProtocolError, and the fixture certificates.
 * Nothing in the packages imports it.
 */
import { readFixture, readFixtureText } from '#fixtures/index.ts';
import type { ProtocolError } from '../common/protocol-error.ts';

/** Annotated hex literals, the same helpers the RTP tests use. */
export { hex, toHex } from '../rtp/test-helpers.ts';

/** The code of the `errorClass` error `action` throws, or 'nothing thrown'; any other error propagates. */
export function thrownCode<Code extends string>(
  errorClass: abstract new (...args: never[]) => ProtocolError<Code>,
  action: () => unknown,
): Code | 'nothing thrown' {
  try {
    action();
  } catch (error) {
    if (error instanceof errorClass) return error.code;
    throw error;
  }
  return 'nothing thrown';
}

/**
 * The two certificates of the lite-dtls12 run: Chromium's (cert/, no
 * extensions) and the probe peer's, made by openssl with three v3 extensions
 * (stats/, as getStats reported it, with the fingerprint the SDP answer carries).
 */
export function fixtureCertificates(): { chromium: Buffer; probe: Buffer; probeFingerprint: string } {
  const stats = JSON.parse(readFixtureText('stats/lite-dtls12-chromium-client.json')) as {
    stats: { type: string; base64Certificate?: string; fingerprint?: string }[];
  };
  const chromium = readFixture('cert/chromium-dtls-client-cert.der');
  const probe = stats.stats.find(
    (entry) => entry.type === 'certificate' && entry.base64Certificate !== chromium.toString('base64'),
  );
  if (probe?.base64Certificate === undefined || probe.fingerprint === undefined) {
    throw new Error('fixture: no probe certificate in stats/lite-dtls12-chromium-client.json');
  }
  return { chromium, probe: Buffer.from(probe.base64Certificate, 'base64'), probeFingerprint: probe.fingerprint };
}
