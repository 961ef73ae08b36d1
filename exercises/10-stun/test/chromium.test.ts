/**
 * Real STUN from Chromium 156 (server/fixtures/chromium-156/stun, described in manifest.json): ICE
 * connectivity checks and their responses, signed with the ice-pwd of the SDP named in the manifest.
 */
import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { checkFingerprint, checkIntegrity, decodeStunMessage, decodeXorMappedAddress, encodeStunMessage } from '../stun-codec.ts';
import { toHex, utf8 } from './support.ts';

const manifest = JSON.parse(readFixtureText('manifest.json')) as Record<string, { message_integrity_key: string }>;

/** The ice-pwd that keys `file`: the manifest says "ice-pwd of PC A (plain-offer.sdp)". */
function passwordOf(file: string): string {
  const sdp = /([\w.-]+\.sdp)\)/.exec(manifest[file]!.message_integrity_key)![1]!;
  return /a=ice-pwd:(\S+)/.exec(readFixtureText(`sdp/${sdp}`))![1]!;
}

const files = listFixtures('stun');

describe('10-stun: Chromium 156 connectivity checks', () => {
  for (const file of files) {
    const bytes = new Uint8Array(readFixture(file));

    it(`${file}: FINGERPRINT and MESSAGE-INTEGRITY check out, and not with another password`, () => {
      const password = passwordOf(file);
      expect(checkFingerprint(bytes)).toBe(true);
      expect(checkIntegrity(bytes, password)).toBe(true);
      expect(checkIntegrity(bytes, [...password].reverse().join(''))).toBe(false);
    });

    it(`${file}: rebuilt from its other attributes, with the password and FINGERPRINT, it is the same bytes`, () => {
      const message = decodeStunMessage(bytes);
      const attributes = message.attributes.filter(({ type }) => type !== 0x0008 && type !== 0x8028);
      const rebuilt = encodeStunMessage({ ...message, attributes }, { password: passwordOf(file), fingerprint: true });
      expect(toHex(rebuilt)).toBe(toHex(bytes));
    });
  }

  it("Chromium's first check to the ICE-lite peer: its attributes in Chromium's order", () => {
    const message = decodeStunMessage(new Uint8Array(readFixture('stun/lite-01-chromium-request-controlling.bin')));
    expect(message).toMatchObject({ type: 0x0001, method: 0x001, messageClass: 'request', length: 76 });
    // USERNAME, GOOG-NETWORK-INFO, ICE-CONTROLLING, PRIORITY, MESSAGE-INTEGRITY, FINGERPRINT
    expect(message.attributes.map(({ type }) => type)).toEqual([0x0006, 0xc057, 0x802a, 0x0024, 0x0008, 0x8028]);
    expect(toHex(message.attributes[0]!.value)).toBe(toHex(utf8('sfuL:YiTU')));
    expect(toHex(message.transactionId)).toBe(toHex(utf8('RR+Nxi1FQ2uU'))); // Chromium's ids are printable
  });

  it("the two success responses of call.pcapng tell each peer its own host candidate's address", () => {
    const mapped = ['stun/c2c-02-offerer-success-response.bin', 'stun/c2c-04-answerer-success-response.bin'].map((file) => {
      const message = decodeStunMessage(new Uint8Array(readFixture(file)));
      expect(message.messageClass).toBe('success-response');
      return decodeXorMappedAddress(message.attributes.find(({ type }) => type === 0x0020)!.value, message.transactionId);
    });
    expect(mapped).toEqual([
      { family: 'IPv4', address: '127.0.0.1', port: 57002 },
      { family: 'IPv4', address: '127.0.0.1', port: 53631 },
    ]);
    expect(readFixtureText('sdp/plain-answer.sdp')).toContain('127.0.0.1 57002 typ host');
    expect(readFixtureText('sdp/plain-offer.sdp')).toContain('127.0.0.1 53631 typ host');
  });
});
