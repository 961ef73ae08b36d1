import { describe, expect, it } from 'vitest';
import type { SetupRole } from '../../sdp/index.ts';
import { answerSetup, dtlsFingerprintsFromSdp, dtlsRoleForSetup, preferredFingerprint, setupForDtlsRole } from './dtls-setup.ts';

describe('answerSetup (RFC 8842 §5.3, RFC 4145 §4.1)', () => {
  const rows: { offered: SetupRole | undefined; preferred: 'active' | 'passive'; want: 'active' | 'passive' }[] = [
    { offered: 'actpass', preferred: 'passive', want: 'passive' },
    { offered: 'actpass', preferred: 'active', want: 'active' },
    { offered: 'active', preferred: 'active', want: 'passive' },
    { offered: 'active', preferred: 'passive', want: 'passive' },
    { offered: 'passive', preferred: 'passive', want: 'active' },
    { offered: 'passive', preferred: 'active', want: 'active' },
    { offered: undefined, preferred: 'passive', want: 'passive' },
  ];
  it.each(rows)('offer $offered, preferring $preferred → $want', ({ offered, preferred, want }) => {
    expect(answerSetup(offered, preferred)).toBe(want);
  });
});

describe('DTLS roles and a=setup (RFC 8842 §5.1)', () => {
  it('active is the client, passive the server, both ways', () => {
    expect([setupForDtlsRole('client'), setupForDtlsRole('server')]).toEqual(['active', 'passive']);
    expect([dtlsRoleForSetup('active'), dtlsRoleForSetup('passive')]).toEqual(['client', 'server']);
  });
});

describe('fingerprints', () => {
  it('reads hash names case-insensitively, writes upper-case hex pairs, leaves out hashes the API does not know (RFC 8122 §5)', () => {
    expect(
      dtlsFingerprintsFromSdp([
        { hashFunction: 'SHA-256', bytes: Uint8Array.of(0x0a, 0xff) },
        { hashFunction: 'md5', bytes: Uint8Array.of(1) },
        { hashFunction: 'sha-1', bytes: Uint8Array.of(0) },
      ]),
    ).toEqual([{ algorithm: 'sha-256', value: '0A:FF' }, { algorithm: 'sha-1', value: '00' }]);
  });

  it('prefers sha-256, else the last one, else none', () => {
    expect(preferredFingerprint([{ algorithm: 'sha-1' }, { algorithm: 'sha-256' }, { algorithm: 'sha-512' }])).toEqual({ algorithm: 'sha-256' });
    expect(preferredFingerprint([{ algorithm: 'sha-1' }, { algorithm: 'sha-512' }])).toEqual({ algorithm: 'sha-512' });
    expect(preferredFingerprint([])).toBeUndefined();
  });
});
