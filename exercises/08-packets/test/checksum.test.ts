import { describe, expect, it } from 'vitest';
import { checkTransportChecksum, serializeIpv4Packet, serializeTcpSegment, serializeUdpPacket } from '#server/net/index.ts';
import { internetChecksum, ipv4HeaderChecksumValid, onesComplementSum, pseudoHeaderSum, transportChecksumStatus } from '../checksum.ts';
import { HeaderError } from '../headers.ts';
import { hex, ipv4Packets } from './capture.ts';

describe('08-packets: onesComplementSum and internetChecksum (RFC 1071)', () => {
  const vectors: Array<{ name: string; bytes: string; initial?: number; sum: number; checksum: number }> = [
    { name: 'RFC 1071 §3: 0001 + f203 + f4f5 + f6f7 = 2ddf0, folded ddf2', bytes: '0001 f203 f4f5 f6f7', sum: 0xddf2, checksum: 0x220d },
    { name: 'the same bytes swapped in each word give the swapped sum (RFC 1071 §2(B))', bytes: '0100 03f2 f5f4 f7f6', sum: 0xf2dd, checksum: 0x0d22 },
    { name: 'an odd length: the last byte is a high half', bytes: '0001 f203 f4f5 f6', sum: 0xdcfb, checksum: 0x2304 },
    { name: 'starting from an initial sum', bytes: 'f4f5 f6f7', initial: 0xf204, sum: 0xddf2, checksum: 0x220d },
    { name: 'an IPv4 header with its checksum field zeroed', bytes: '4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7', sum: 0x479e, checksum: 0xb861 },
    { name: 'the same header with its checksum: all ones, checksum 0', bytes: '4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7', sum: 0xffff, checksum: 0 },
    { name: 'no bytes', bytes: '', sum: 0, checksum: 0xffff },
  ];
  for (const { name, bytes, initial, sum, checksum } of vectors) {
    it(name, () => {
      expect(onesComplementSum(hex(bytes), initial)).toBe(sum);
      expect(internetChecksum(hex(bytes), initial)).toBe(checksum);
    });
  }

  it('folds sums past 2^32: 128 KiB of 0xff sums to 0xffff', () => {
    expect(onesComplementSum(new Uint8Array(128 * 1024).fill(0xff))).toBe(0xffff);
    expect(onesComplementSum(new Uint8Array(128 * 1024).fill(0x80))).toBe(0x8080);
  });
});

describe('08-packets: ipv4HeaderChecksumValid', () => {
  it('accepts an intact header and refuses one whose TTL changed', () => {
    const header = hex('4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7');
    expect(ipv4HeaderChecksumValid(header)).toBe(true);
    header[8] = 63;
    expect(ipv4HeaderChecksumValid(header)).toBe(false);
  });

  it('sums only the header: the payload does not count, options do', () => {
    const packet = serializeIpv4Packet({ protocol: 17, source: '10.0.0.1', destination: '10.0.0.2', options: hex('01010100') }, hex('ffff ffff 1234'));
    expect(ipv4HeaderChecksumValid(packet)).toBe(true);
    packet[22]! ^= 0x01; // inside the option word
    expect(ipv4HeaderChecksumValid(packet)).toBe(false);
  });

  it('finds every header checksum of the loopback capture valid (Linux computes them in software)', () => {
    for (const { number, bytes } of ipv4Packets) expect(ipv4HeaderChecksumValid(bytes), `packet ${number}`).toBe(true);
  });

  it('passes parseIpv4Header\'s HeaderError through', () => {
    expect(() => ipv4HeaderChecksumValid(hex('4500 0014'))).toThrow(HeaderError);
  });
});

describe('08-packets: pseudoHeaderSum', () => {
  const kernel: Array<{ name: string; args: [string, string, number, number]; sum: number }> = [
    { name: 'a 40-byte TCP SYN on lo: tcpdump shows "cksum 0xfe30"', args: ['127.0.0.1', '127.0.0.1', 6, 40], sum: 0xfe30 },
    { name: 'a 14-byte UDP datagram on lo: "bad udp cksum 0xfe21"', args: ['127.0.0.1', '127.0.0.1', 17, 14], sum: 0xfe21 },
    { name: 'addresses with carries: 255.255.255.255 to 255.255.255.254', args: ['255.255.255.255', '255.255.255.254', 6, 20], sum: 0x0019 },
  ];
  for (const { name, args, sum } of kernel) it(name, () => expect(pseudoHeaderSum(...args)).toBe(sum));

  it('refuses an address that is not a dotted quad', () => {
    expect(() => pseudoHeaderSum('localhost', '127.0.0.1', 6, 20)).toThrow(RangeError);
  });
});

describe('08-packets: transportChecksumStatus', () => {
  const addresses = { source: '192.0.2.1', destination: '198.51.100.7' };
  const tcp = serializeTcpSegment({ sourcePort: 40000, destinationPort: 443, sequenceNumber: 1, flags: { syn: true }, window: 64240 }, new Uint8Array(0), addresses);
  const udp = serializeUdpPacket({ sourcePort: 5000, destinationPort: 5004 }, hex('80 60 0001'), addresses);
  const ipv4 = (segment: Uint8Array, protocol: number, extra = {}): Uint8Array => serializeIpv4Packet({ protocol, ...addresses, ...extra }, segment);

  it('says valid for checksums computed in full, over TCP and UDP', () => {
    expect(transportChecksumStatus(ipv4(tcp, 6))).toBe('valid');
    expect(transportChecksumStatus(ipv4(udp, 17))).toBe('valid');
  });

  it('says invalid when one bit of the data or of the addresses changed', () => {
    const flipped = Uint8Array.from(udp);
    flipped[9]! ^= 0x10;
    expect(transportChecksumStatus(ipv4(flipped, 17))).toBe('invalid');
    expect(transportChecksumStatus(serializeIpv4Packet({ protocol: 6, source: '192.0.2.2', destination: addresses.destination }, tcp))).toBe('invalid');
  });

  it('says absent for a UDP checksum of 0, offloaded for the pseudo-header sum alone', () => {
    expect(transportChecksumStatus(ipv4(serializeUdpPacket({ sourcePort: 5000, destinationPort: 5004 }, hex('80 60 0001')), 17))).toBe('absent');
    const partial = pseudoHeaderSum(addresses.source, addresses.destination, 17, 12);
    expect(transportChecksumStatus(ipv4(serializeUdpPacket({ sourcePort: 5000, destinationPort: 5004, checksum: partial }, hex('80 60 0001')), 17))).toBe('offloaded');
  });

  it('says incomplete for a fragment and for a packet the capture cut short', () => {
    expect(transportChecksumStatus(ipv4(udp, 17, { moreFragments: true }))).toBe('incomplete');
    expect(transportChecksumStatus(ipv4(udp, 17).subarray(0, 30))).toBe('incomplete');
  });

  it('covers only the UDP length, not link padding after it', () => {
    expect(transportChecksumStatus(Uint8Array.from([...ipv4(udp, 17), 0, 0, 0, 0]))).toBe('valid');
  });

  it('agrees with the SFU decoder on the loopback capture: offloaded, but for the RST the kernel built itself', () => {
    const statuses = ipv4Packets.map(({ bytes }) => transportChecksumStatus(bytes));
    expect(statuses).toEqual(ipv4Packets.map(({ ip }) => checkTransportChecksum(ip, ip.protocol === 17 ? ip.payload.subarray(0, (ip.payload[4]! << 8) | ip.payload[5]!) : ip.payload).status));
    expect(statuses.filter((status) => status === 'valid')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'offloaded')).toHaveLength(20);
  });

  it('refuses other protocols with a RangeError and passes header errors through', () => {
    expect(() => transportChecksumStatus(ipv4(hex('0800 f7ff 0000 0000'), 1))).toThrow(RangeError);
    expect(() => transportChecksumStatus(ipv4(hex('0001 0002 0007 0000'), 17))).toThrow(expect.objectContaining({ code: 'BAD_LENGTH' }));
  });
});
