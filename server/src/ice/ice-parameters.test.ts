/**
 * Generated ICE credentials, checked with the SDP package's own a=ice-ufrag and
 * a=ice-pwd parsers (RFC 8839 §5.4), and the validation of given ones.
 */
import { describe, expect, it } from 'vitest';
import { icePwdAttribute, iceUfragAttribute } from '../sdp/index.ts';
import { checkIceParameters, checkRemoteIceParameters, generateIceParameters } from './ice-parameters.ts';

describe('generateIceParameters', () => {
  const generated = Array.from({ length: 2000 }, generateIceParameters);

  it('gives ufrag and password that a=ice-ufrag / a=ice-pwd accept (RFC 8839 §5.4)', () => {
    for (const { usernameFragment, password } of generated.slice(0, 100)) {
      expect(iceUfragAttribute.parse(usernameFragment)).toBe(usernameFragment);
      expect(icePwdAttribute.parse(password)).toBe(password);
    }
  });

  it('gives a 16-char ufrag (96 bits) and a 32-char password (192 bits)', () => {
    expect(new Set(generated.map((p) => p.usernameFragment.length))).toEqual(new Set([16]));
    expect(new Set(generated.map((p) => p.password.length))).toEqual(new Set([32]));
  });

  it('never repeats, and uses the whole ice-char alphabet', () => {
    expect(new Set(generated.map((p) => p.usernameFragment)).size).toBe(generated.length);
    const seen = new Set(generated.flatMap((p) => [...p.usernameFragment, ...p.password]));
    expect(seen.size).toBe(64);
  });
});

describe('checkIceParameters', () => {
  const PASSWORD = 'a'.repeat(22);

  it.each([
    ['a 3-char ufrag', { usernameFragment: 'abc', password: PASSWORD }],
    ['a 21-char password', { usernameFragment: 'abcd', password: 'a'.repeat(21) }],
    ['a colon in the ufrag (it would split USERNAME)', { usernameFragment: 'ab:cd', password: PASSWORD }],
    ['a space in the password', { usernameFragment: 'abcd', password: `${'a'.repeat(21)} ` }],
    ['a 257-char ufrag', { usernameFragment: 'a'.repeat(257), password: PASSWORD }],
    ['a non-string', { usernameFragment: 1234 as unknown as string, password: PASSWORD }],
  ])('refuses %s with TypeError', (_name, parameters) => {
    expect(() => checkIceParameters(parameters)).toThrow(TypeError);
  });

  it("accepts Chromium's 4-char ufrag and 24-char password, and a remote side without password", () => {
    expect(checkIceParameters({ usernameFragment: 'YiTU', password: 'JvLhL6/KQTDzsRwX7KfK3/J1' })).toBeDefined();
    expect(checkRemoteIceParameters({ usernameFragment: 'YiTU' })).toBeDefined();
    expect(() => checkRemoteIceParameters({ usernameFragment: 'YiTU', password: 'short' })).toThrow(TypeError);
  });
});
