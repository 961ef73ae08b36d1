import { describe, expect, it } from 'vitest';
import { type FoundationInputs, candidateFoundation } from './foundation.ts';

const host: FoundationInputs = { type: 'host', baseAddress: '192.0.2.1' };

describe('candidateFoundation (RFC 8445 §5.1.1.3)', () => {
  it('is 1 to 32 ice-chars (RFC 8839 §5.1)', () => {
    expect(candidateFoundation(host)).toMatch(/^[A-Za-z0-9+/]{1,32}$/);
  });

  it('is the same for the same type, base address, server and transport', () => {
    expect(candidateFoundation({ ...host })).toBe(candidateFoundation(host));
    expect(candidateFoundation({ ...host, transport: 'udp' })).toBe(candidateFoundation(host));
  });

  const differences: Array<{ name: string; other: FoundationInputs }> = [
    { name: 'type', other: { ...host, type: 'srflx' } },
    { name: 'base IP address', other: { ...host, baseAddress: '192.0.2.2' } },
    { name: 'base address family', other: { ...host, baseAddress: '2001:db8::1' } },
    { name: 'STUN server', other: { ...host, serverAddress: '198.51.100.7' } },
    { name: 'transport', other: { ...host, transport: 'tcp' } },
  ];
  it.each(differences)('differs when the $name differs', ({ other }) => {
    expect(candidateFoundation(other)).not.toBe(candidateFoundation(host));
  });

  it('tells two srflx candidates from different STUN servers apart', () => {
    const srflx: FoundationInputs = { type: 'srflx', baseAddress: '10.0.0.2', serverAddress: '198.51.100.7' };
    expect(candidateFoundation({ ...srflx, serverAddress: '203.0.113.9' })).not.toBe(candidateFoundation(srflx));
  });
});
