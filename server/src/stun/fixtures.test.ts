/**
 * Every Binding request and response captured from Chromium 156 (fixtures
 * README, "ICE / STUN"): parsed, checked against what the README and the
 * manifest say about it, verified with the ice-pwd from the matching SDP, and
 * re-serialized byte for byte.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { readCapture } from '../pcap/read-capture.ts';
import { udpDatagramOf } from '../pcap/udp-datagram.ts';
import type { StunAttribute } from './attribute.ts';
import { AttributeType } from './attribute-type.ts';
import { verifyFingerprint } from './fingerprint.ts';
import { isStunMessage } from './header.ts';
import { shortTermKey, verifyMessageIntegrity } from './integrity.ts';
import { findAttribute, parseStunMessage, serializeStunMessage, unknownComprehensionRequired } from './message.ts';

interface ManifestEntry {
  readonly capture: string;
  readonly frame: number;
  readonly bytes: number;
  /** e.g. "ice-pwd of PC A (plain-offer.sdp)". */
  readonly message_integrity_key: string;
  readonly message_integrity_verified: boolean;
  readonly fingerprint_verified: boolean;
}

const manifest = JSON.parse(readFixtureText('manifest.json')) as Record<string, ManifestEntry>;

/** The two SDPs of each run: the key of a message is one, the wrong key the other. */
const OTHER_SIDE: Readonly<Record<string, string>> = {
  'plain-offer.sdp': 'plain-answer.sdp',
  'plain-answer.sdp': 'plain-offer.sdp',
  'lite-dtls12-answer.sdp': 'lite-dtls12-offer.sdp',
};

function iceCredentialsOf(sdpFile: string): { ufrag: string; pwd: string } {
  const sdp = readFixtureText(`sdp/${sdpFile}`);
  return { ufrag: /^a=ice-ufrag:(\S+)/m.exec(sdp)![1]!, pwd: /^a=ice-pwd:(\S+)/m.exec(sdp)![1]! };
}

function keySdpOf(entry: ManifestEntry): string {
  return path.basename(/\(([^)]+\.sdp)\)/.exec(entry.message_integrity_key)![1]!);
}

const GOOG_NETWORK_INFO: StunAttribute = { kind: 'RAW', type: AttributeType.GoogNetworkInfo, value: new Uint8Array([0, 1, 0, 0x32]) };
/** The order the README lists for Chromium's Binding requests, minus what a given request leaves out. */
const REQUEST_KINDS = ['USERNAME', 'RAW', 'ROLE', 'USE-CANDIDATE', 'PRIORITY', 'MESSAGE-INTEGRITY', 'FINGERPRINT'];
const RESPONSE_KINDS = ['XOR-MAPPED-ADDRESS', 'MESSAGE-INTEGRITY', 'FINGERPRINT'];

const EXPECTED: Readonly<Record<string, { role?: 'ICE-CONTROLLING' | 'ICE-CONTROLLED'; useCandidate?: boolean; answers?: string }>> = {
  'c2c-01-answerer-request-controlled.bin': { role: 'ICE-CONTROLLED', useCandidate: false },
  'c2c-02-offerer-success-response.bin': { answers: 'c2c-01-answerer-request-controlled.bin' },
  'c2c-03-offerer-request-controlling-use-candidate.bin': { role: 'ICE-CONTROLLING', useCandidate: true },
  'c2c-04-answerer-success-response.bin': { answers: 'c2c-03-offerer-request-controlling-use-candidate.bin' },
  'c2c-05-offerer-consent-request.bin': { role: 'ICE-CONTROLLING', useCandidate: true },
  'c2c-06-answerer-consent-response.bin': { answers: 'c2c-05-offerer-consent-request.bin' },
  'lite-01-chromium-request-controlling.bin': { role: 'ICE-CONTROLLING', useCandidate: false },
  'lite-02-probe-success-response.bin': { answers: 'lite-01-chromium-request-controlling.bin' },
  'lite-03-chromium-request-use-candidate.bin': { role: 'ICE-CONTROLLING', useCandidate: true },
  'lite-04-chromium-consent-request.bin': { role: 'ICE-CONTROLLING', useCandidate: true },
};

const captures = new Map<string, ReturnType<typeof readCapture>>();
function frameOf(entry: ManifestEntry): ReturnType<typeof udpDatagramOf> {
  if (!captures.has(entry.capture)) captures.set(entry.capture, readCapture(readFixture(entry.capture)));
  return udpDatagramOf(captures.get(entry.capture)![entry.frame - 1]!);
}

describe('Chromium 156 STUN fixtures', () => {
  const files = listFixtures('stun');

  it('covers every stun/ file, each listed in the manifest', () => {
    expect(files.map((file) => path.basename(file)).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const file of files) expect(manifest[file], file).toBeDefined();
  });

  for (const file of files) {
    const name = path.basename(file);
    const entry = manifest[file]!;
    const expected = EXPECTED[name]!;
    const bytes = new Uint8Array(readFixture(file));
    const keySdp = keySdpOf(entry);
    const own = iceCredentialsOf(keySdp);
    const other = iceCredentialsOf(OTHER_SIDE[keySdp]!);

    describe(name, () => {
      it('is a STUN Binding message of the size the manifest gives, with nothing the receiver must reject', () => {
        expect(bytes.length).toBe(entry.bytes);
        expect(isStunMessage(bytes)).toBe(true);
        const message = parseStunMessage(bytes);
        expect(message.method).toBe(0x001);
        expect(message.messageClass).toBe(expected.answers ? 'success-response' : 'request');
        expect(unknownComprehensionRequired(message)).toEqual([]);
      });

      it('has the attributes, in the order, the README lists', () => {
        const message = parseStunMessage(bytes);
        const wantKinds = expected.answers
          ? RESPONSE_KINDS
          : REQUEST_KINDS.map((kind) => (kind === 'ROLE' ? expected.role! : kind)).filter((kind) => kind !== 'USE-CANDIDATE' || expected.useCandidate);
        expect(message.attributes.map((a) => a.kind)).toEqual(wantKinds);
        if (expected.answers) return;
        // USERNAME is "<receiver's ufrag>:<sender's ufrag>" and the receiver's pwd is the key (RFC 8445 §7.2.2).
        expect(findAttribute(message, 'USERNAME')?.value).toBe(`${own.ufrag}:${other.ufrag}`);
        expect(message.attributes[1]).toEqual(GOOG_NETWORK_INFO);
        expect(findAttribute(message, 'PRIORITY')?.value).toBe(1853824767);
        expect(message.attributes.length).toBe(bytes.length === 100 ? 7 : 6);
      });

      if (expected.answers) {
        it(`answers ${expected.answers}: same transaction id, XOR-MAPPED-ADDRESS = the address it is sent to`, () => {
          const message = parseStunMessage(bytes);
          const request = parseStunMessage(readFixture(`stun/${expected.answers}`));
          expect(message.transactionId).toEqual(request.transactionId);
          const { destination } = frameOf(entry);
          expect(findAttribute(message, 'XOR-MAPPED-ADDRESS')?.address).toEqual({ family: 'IPv4', ...destination });
        });
      }

      it(`verifies FINGERPRINT and MESSAGE-INTEGRITY with the ice-pwd of ${keySdp}, as the manifest records`, () => {
        expect(verifyFingerprint(bytes)).toBe(entry.fingerprint_verified);
        expect(verifyMessageIntegrity(bytes, shortTermKey(own.pwd))).toBe(entry.message_integrity_verified);
      });

      it('fails MESSAGE-INTEGRITY with the ice-pwd of the other side', () => {
        expect(verifyMessageIntegrity(bytes, shortTermKey(other.pwd))).toBe(false);
      });

      it('re-serializes byte for byte, and rebuilds MESSAGE-INTEGRITY and FINGERPRINT from its fields', () => {
        const message = parseStunMessage(bytes);
        expect(serializeStunMessage(message)).toEqual(bytes);
        const fields = message.attributes.filter((a) => a.kind !== 'MESSAGE-INTEGRITY' && a.kind !== 'FINGERPRINT');
        expect(serializeStunMessage({ ...message, attributes: fields }, { integrityKey: shortTermKey(own.pwd), fingerprint: true })).toEqual(bytes);
      });
    });
  }
});
