import { describe, expect, it } from 'vitest';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { readCapture } from '../pcap/read-capture.ts';
import { udpDatagramOf } from '../pcap/udp-datagram.ts';
import { verifyFingerprint } from '../stun/fingerprint.ts';
import { isStunMessage } from '../stun/header.ts';
import { type DatagramKind, classifyDatagram } from './classify.ts';

// RFC 7983 §7: the edges of every range, and the gaps between them.
const FIRST_BYTE: readonly { first: number; kind: DatagramKind }[] = [
  { first: 0, kind: 'stun' },
  { first: 3, kind: 'stun' },
  { first: 4, kind: 'unknown' },
  { first: 15, kind: 'unknown' },
  { first: 16, kind: 'zrtp' },
  { first: 19, kind: 'zrtp' },
  { first: 20, kind: 'dtls' },
  { first: 63, kind: 'dtls' },
  { first: 64, kind: 'turn-channel' },
  { first: 79, kind: 'turn-channel' },
  { first: 80, kind: 'unknown' },
  { first: 127, kind: 'unknown' },
  { first: 128, kind: 'rtp' },
  { first: 191, kind: 'rtp' },
  { first: 192, kind: 'unknown' },
  { first: 255, kind: 'unknown' },
];

// RFC 5761 §4: within 128..191, RTCP packet types 192..223 in the second byte.
const SECOND_BYTE: readonly { name: string; second: number; kind: DatagramKind }[] = [
  { name: 'PT 0 (PCMU)', second: 0, kind: 'rtp' },
  { name: 'PT 111 with the marker bit (239)', second: 0x80 | 111, kind: 'rtp' },
  { name: 'PT 63 with the marker bit (191)', second: 191, kind: 'rtp' },
  { name: 'RTCP 192 (FIR, RFC 2032)', second: 192, kind: 'rtcp' },
  { name: 'RTCP 200 (SR)', second: 200, kind: 'rtcp' },
  { name: 'RTCP 205 (RTPFB)', second: 205, kind: 'rtcp' },
  { name: 'RTCP 223, the top of the reserved range', second: 223, kind: 'rtcp' },
  { name: 'PT 96 with the marker bit (224)', second: 224, kind: 'rtp' },
];

describe('classifyDatagram (RFC 7983 §7, RFC 5761 §4)', () => {
  for (const { first, kind } of FIRST_BYTE) {
    it(`first byte ${first} is ${kind}`, () => {
      expect(classifyDatagram(new Uint8Array([first, 0x60, 0, 0]))).toBe(kind);
    });
  }

  for (const { name, second, kind } of SECOND_BYTE) {
    it(`with V=2, second byte ${second}, ${name}, is ${kind}`, () => {
      expect(classifyDatagram(new Uint8Array([0x80, second, 0, 0]))).toBe(kind);
    });
  }

  it('calls an empty datagram, and a lone RTP/RTCP byte, unknown', () => {
    expect(classifyDatagram(new Uint8Array(0))).toBe('unknown');
    expect(classifyDatagram(new Uint8Array([0x80]))).toBe('unknown');
    expect(classifyDatagram(new Uint8Array([0x00]))).toBe('stun');
  });
});

describe('classifyDatagram on the Chromium fixtures', () => {
  const FOLDERS: readonly { folder: string; kind: DatagramKind }[] = [
    { folder: 'stun', kind: 'stun' },
    { folder: 'dtls12-chromium-client', kind: 'dtls' },
    { folder: 'dtls12-chromium-server', kind: 'dtls' },
    { folder: 'dtls13-chromium-to-chromium', kind: 'dtls' },
    { folder: 'rtp-clear', kind: 'rtp' },
    { folder: 'rtcp-clear', kind: 'rtcp' },
    { folder: 'simulcast', kind: 'rtp' },
  ];

  for (const { folder, kind } of FOLDERS) {
    // Decrypted plaintexts are record contents, not datagrams.
    const files = listFixtures(folder).filter((file) => file.endsWith('.bin') && !file.includes('decrypted'));
    it(`classifies the ${files.length} datagrams of ${folder}/ as ${kind}`, () => {
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(classifyDatagram(readFixture(file)), file).toBe(kind);
    });
  }

  it('tells SRTP from SRTCP by the clear header bytes', () => {
    for (const file of [...listFixtures('srtp-chromium-to-chromium'), ...listFixtures('srtp-dtls12-decryptable')]) {
      if (!file.endsWith('.bin')) continue;
      const kind = /\.s?rtcp\.bin$/.test(file) ? 'rtcp' : 'rtp';
      expect(classifyDatagram(readFixture(file)), file).toBe(kind);
    }
  });

  const CAPTURES: readonly { capture: string; kinds: readonly DatagramKind[] }[] = [
    { capture: 'pcap/clear-rtp-rtcp.pcapng', kinds: ['rtcp', 'rtp', 'stun'] },
    { capture: 'pcap/lite-dtls12-chromium-client.pcapng', kinds: ['dtls', 'rtcp', 'rtp', 'stun'] },
    { capture: 'pcap/lite-dtls12-chromium-server.pcapng', kinds: ['dtls', 'rtcp', 'rtp', 'stun'] },
  ];

  for (const { capture, kinds } of CAPTURES) {
    it(`sorts every datagram of ${capture} into ${kinds.join(', ')}; every one called STUN has a valid FINGERPRINT`, () => {
      const seen = new Map<DatagramKind, number>();
      for (const packet of readCapture(readFixture(capture))) {
        const { payload } = udpDatagramOf(packet);
        const kind = classifyDatagram(payload);
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        if (kind === 'stun') {
          expect(isStunMessage(payload)).toBe(true);
          expect(verifyFingerprint(payload)).toBe(true);
        }
      }
      expect([...seen.keys()].sort()).toEqual(kinds);
    });
  }
});
