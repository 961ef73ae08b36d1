/**
 * XOR-MAPPED-ADDRESS (RFC 8489 §14.2): 0x00, family, X-Port, X-Address. With TID = 00 01 ... 0b,
 * the IPv6 mask is 2112a442 00010203 04050607 08090a0b and the port mask 0x2112.
 */
import { describe, expect, it } from 'vitest';
import { decodeXorMappedAddress, encodeXorMappedAddress, type MappedAddress } from '../stun-codec.ts';
import { TID, errorCode, hex, thrownClass, toHex } from './support.ts';

const cases: Array<{ name: string; address: MappedAddress; value: string }> = [
  { name: 'IPv4 loopback (the example in the stub)', address: { family: 'IPv4', address: '127.0.0.1', port: 54321 }, value: '00 01 f523 5e12a443' },
  { name: '0.0.0.0 port 0: the mask itself', address: { family: 'IPv4', address: '0.0.0.0', port: 0 }, value: '00 01 2112 2112a442' },
  { name: 'every bit set', address: { family: 'IPv4', address: '255.255.255.255', port: 65535 }, value: '00 01 deed deed5bbd' },
  { name: 'IPv6 loopback: the address is XORed with the transaction id too', address: { family: 'IPv6', address: '::1', port: 3478 }, value: '00 02 2c84 2112a442 00010203 04050607 08090a0a' },
  { name: 'a documentation address', address: { family: 'IPv6', address: '2001:db8::1', port: 443 }, value: '00 02 20a9 0113a9fa 00010203 04050607 08090a0a' },
  { name: 'the all-zeros address', address: { family: 'IPv6', address: '::', port: 9 }, value: '00 02 211b 2112a442 00010203 04050607 08090a0b' },
  { name: 'a run of zeros at the end', address: { family: 'IPv6', address: 'fe80::', port: 9 }, value: '00 02 211b df92a442 00010203 04050607 08090a0b' },
];

describe('10-stun: XOR-MAPPED-ADDRESS', () => {
  for (const { name, address, value } of cases) {
    it(`encodes ${name}: ${address.address} port ${address.port}`, () => {
      expect(toHex(encodeXorMappedAddress(address, TID))).toBe(toHex(hex(value)));
    });
    it(`decodes ${name}: ${address.address} port ${address.port}`, () => {
      expect(decodeXorMappedAddress(hex(value), TID)).toEqual(address);
    });
  }

  const formatted: Array<{ value: string; address: string; why: string }> = [
    { value: '0113a9fa 00010203 04040607 08090a0a', address: '2001:db8::1:0:0:1', why: 'the first of two equal runs of zeros becomes ::' },
    { value: '0113a442 00010202 04050607 08090a0a', address: '2001:0:0:1::1', why: 'the longest run of zeros becomes ::' },
    { value: '0113a9fa 00010202 04040606 08080a0a', address: '2001:db8:0:1:1:1:1:1', why: 'a single zero group stays 0' },
    { value: '8adf4b43 2344658a afc8e906 2b4c6d82', address: 'abcd:ef01:2345:6789:abcd:ef01:2345:6789', why: 'lowercase, no zeros to shorten' },
  ];
  for (const { value, address, why } of formatted) {
    it(`writes IPv6 as Node does (RFC 5952): ${address}, ${why}`, () => {
      expect(decodeXorMappedAddress(hex(`0002 211b ${value}`), TID)).toEqual({ family: 'IPv6', address, port: 9 });
    });
  }

  it('accepts IPv6 in any text form when encoding', () => {
    const canonical = encodeXorMappedAddress({ family: 'IPv6', address: '2001:db8::1', port: 443 }, TID);
    expect(toHex(encodeXorMappedAddress({ family: 'IPv6', address: '2001:DB8:0:0:0:0:0:0001', port: 443 }, TID))).toBe(toHex(canonical));
  });

  it('depends on the transaction id for IPv6 only', () => {
    const otherId = hex('ffffffffffffffffffffffff');
    const v4: MappedAddress = { family: 'IPv4', address: '192.0.2.1', port: 32853 };
    const v6: MappedAddress = { family: 'IPv6', address: '2001:db8::1', port: 32853 };
    expect(toHex(encodeXorMappedAddress(v4, otherId))).toBe(toHex(encodeXorMappedAddress(v4, TID)));
    expect(toHex(encodeXorMappedAddress(v6, otherId))).not.toBe(toHex(encodeXorMappedAddress(v6, TID)));
    expect(decodeXorMappedAddress(encodeXorMappedAddress(v6, otherId), otherId)).toEqual(v6);
  });

  const badValues: Array<{ name: string; value: string }> = [
    { name: 'family 0', value: '00 00 f523 5e12a443' },
    { name: 'family 3', value: '00 03 f523 5e12a443' },
    { name: 'IPv4 with 20 bytes', value: '00 01 2c84 2112a442 00010203 04050607 08090a0a' },
    { name: 'IPv6 with 8 bytes', value: '00 02 f523 5e12a443' },
    { name: 'IPv4 with 7 bytes', value: '00 01 f523 5e12a4' },
    { name: 'no address at all', value: '00 01 f523' },
    { name: 'an empty value', value: '' },
  ];
  for (const { name, value } of badValues) {
    it(`throws BAD_ADDRESS for ${name}`, () => {
      expect(errorCode(() => decodeXorMappedAddress(hex(value), TID))).toBe('BAD_ADDRESS');
    });
  }

  it('throws RangeError for a transaction id that is not 12 bytes', () => {
    const address: MappedAddress = { family: 'IPv4', address: '127.0.0.1', port: 54321 };
    expect(thrownClass(() => decodeXorMappedAddress(hex('0001 f523 5e12a443'), new Uint8Array(11)))).toBe('RangeError');
    expect(thrownClass(() => encodeXorMappedAddress(address, new Uint8Array(16)))).toBe('RangeError');
  });

  const badAddresses: Array<{ name: string; address: MappedAddress }> = [
    { name: 'an IPv6 address as IPv4', address: { family: 'IPv4', address: '::1', port: 1 } },
    { name: 'an IPv4 address as IPv6', address: { family: 'IPv6', address: '127.0.0.1', port: 1 } },
    { name: 'a byte over 255', address: { family: 'IPv4', address: '256.0.0.1', port: 1 } },
    { name: 'a host name', address: { family: 'IPv4', address: 'localhost', port: 1 } },
    { name: 'port 65536', address: { family: 'IPv4', address: '127.0.0.1', port: 65536 } },
    { name: 'port -1', address: { family: 'IPv4', address: '127.0.0.1', port: -1 } },
  ];
  for (const { name, address } of badAddresses) {
    it(`encode throws RangeError for ${name}`, () => {
      expect(thrownClass(() => encodeXorMappedAddress(address, TID))).toBe('RangeError');
    });
  }
});
