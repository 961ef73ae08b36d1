import { describe, expect, it } from 'vitest';
import { parseIpv4Packet, serializeIpv4Packet } from './ipv4.ts';
import { parseIpv6Packet, serializeIpv6Packet } from './ipv6.ts';
import { checkTransportChecksum } from './transport-checksum.ts';
import { errorCode, hex } from './test-helpers.ts';
import { parseUdpPacket, serializeUdpPacket } from './udp.ts';

describe('parseUdpPacket', () => {
  it('reads the header and cuts the payload at the UDP length, not the IP payload', () => {
    const { header, payload } = parseUdpPacket(hex('8c6d 9f68 000e fe21 70696e672031 0000'));
    expect(header).toEqual({ sourcePort: 35949, destinationPort: 40808, length: 14, checksum: 0xfe21 });
    expect(Buffer.from(payload).toString()).toBe('ping 1');
  });

  const errors: Array<{ name: string; bytes: string; code: string }> = [
    { name: 'under 8 bytes', bytes: '0001 0002 0008 00', code: 'TOO_SHORT' },
    { name: 'a length under 8', bytes: '0001 0002 0007 0000', code: 'BAD_LENGTH' },
    { name: 'a length past the bytes there', bytes: '0001 0002 000a 0000 00', code: 'TOO_SHORT' },
  ];
  for (const { name, bytes, code } of errors) {
    it(`rejects ${name} with ${code}`, () => expect(errorCode(() => parseUdpPacket(hex(bytes)))).toBe(code));
  }
});

describe('serializeUdpPacket and its checksum', () => {
  const payload = new TextEncoder().encode('ping 1');

  it('computes the checksum tcpdump computes, over IPv4 and IPv6', () => {
    // tcpdump on the loopback capture: "[bad udp cksum 0xfe21 -> 0xd6f7!]" for this datagram.
    const v4 = serializeUdpPacket({ sourcePort: 35949, destinationPort: 40808 }, payload, { source: '127.0.0.1', destination: '127.0.0.1' });
    expect((v4[6]! << 8) | v4[7]!).toBe(0xd6f7);
    const ip4 = parseIpv4Packet(serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.1' }, v4));
    expect(checkTransportChecksum(ip4, ip4.payload).status).toBe('valid');

    const v6 = serializeUdpPacket({ sourcePort: 43598, destinationPort: 40808 }, payload, { source: '::1', destination: '::1' });
    const ip6 = parseIpv6Packet(serializeIpv6Packet({ protocol: 17, source: '::1', destination: '::1' }, v6));
    expect(checkTransportChecksum(ip6, ip6.payload).status).toBe('valid');
  });

  it('sends a computed zero as 0xffff (RFC 768), which still verifies', () => {
    // Choose the payload word so that the checksum comes out 0: the pseudo-header and header sum to S, add ~S.
    const addresses = { source: '10.0.0.1', destination: '10.0.0.2' };
    const probe = serializeUdpPacket({ sourcePort: 1, destinationPort: 2 }, hex('0000'), addresses);
    const probeChecksum = (probe[6]! << 8) | probe[7]!;
    const zeroing = hex(probeChecksum.toString(16).padStart(4, '0'));
    const datagram = serializeUdpPacket({ sourcePort: 1, destinationPort: 2 }, zeroing, addresses);
    expect((datagram[6]! << 8) | datagram[7]!).toBe(0xffff);
    const ip = parseIpv4Packet(serializeIpv4Packet({ protocol: 17, ...addresses }, datagram));
    expect(checkTransportChecksum(ip, ip.payload)).toEqual({ status: 'valid', received: 0xffff, expected: 0xffff });
  });

  it('tells "no checksum" over IPv4 from a zero over IPv6, where it is invalid (RFC 8200 §8.1)', () => {
    const datagram = serializeUdpPacket({ sourcePort: 1, destinationPort: 2 }, payload);
    const ip4 = parseIpv4Packet(serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.1' }, datagram));
    expect(checkTransportChecksum(ip4, ip4.payload).status).toBe('absent');
    const ip6 = parseIpv6Packet(serializeIpv6Packet({ protocol: 17, source: '::1', destination: '::1' }, datagram));
    expect(checkTransportChecksum(ip6, ip6.payload).status).toBe('invalid');
  });

  it('says offloaded when the field holds the pseudo-header sum, invalid when a bit flipped, incomplete when bytes are missing', () => {
    const offloaded = serializeUdpPacket({ sourcePort: 35949, destinationPort: 40808, checksum: 0xfe21 }, payload);
    const ip = parseIpv4Packet(serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.1' }, offloaded));
    expect(checkTransportChecksum(ip, ip.payload)).toEqual({ status: 'offloaded', received: 0xfe21, expected: 0xd6f7 });

    const flipped = serializeUdpPacket({ sourcePort: 35949, destinationPort: 40808 }, payload, { source: '127.0.0.1', destination: '127.0.0.1' });
    flipped[9]! ^= 0x01;
    const ipFlipped = parseIpv4Packet(serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.1' }, flipped));
    expect(checkTransportChecksum(ipFlipped, ipFlipped.payload).status).toBe('invalid');

    const whole = serializeIpv4Packet({ protocol: 17, source: '127.0.0.1', destination: '127.0.0.1', moreFragments: true }, offloaded);
    const fragment = parseIpv4Packet(whole);
    expect(checkTransportChecksum(fragment, fragment.payload)).toMatchObject({ status: 'incomplete', expected: undefined });
  });

  it('refuses a port that does not fit and a checksum of a protocol that has none here', () => {
    expect(() => serializeUdpPacket({ sourcePort: 65536, destinationPort: 1 }, payload)).toThrow(RangeError);
    const icmp = parseIpv4Packet(serializeIpv4Packet({ protocol: 1, source: '127.0.0.1', destination: '127.0.0.1' }, hex('0800 0000 0000 0000')));
    expect(() => checkTransportChecksum(icmp, icmp.payload)).toThrow(RangeError);
  });
});
