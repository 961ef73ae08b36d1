import { describe, expect, it } from 'vitest';
import { readFixture } from '#fixtures/index.ts';
import { readLoopbackCapture } from '#fixtures/loopback/index.ts';
import { fuzz } from '../common/fuzz.ts';
import { LinkType } from './capture.ts';
import { decodePacket } from './decode.ts';
import { PcapParseError } from './errors.ts';
import { readCapture } from './read-capture.ts';
import { udpDatagramOf } from './udp-datagram.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 100_000);

function onlyTypedErrors(action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof PcapParseError)) throw error;
  }
}

describe('pcap fuzz', () => {
  // Small captures as seeds: the first blocks of a real pcapng, and its first frames.
  const real = readFixture('pcap/clear-rtp-rtcp.pcapng');
  const frames = readCapture(real).slice(0, 40).map((p) => p.data);

  it(`capture reader: ${CASES} random and mutated files give packets or a PcapParseError`, () => {
    fuzz({
      seed: 0x9ca9,
      cases: CASES / 2,
      seeds: [real.subarray(0, 2048)],
      check: (input) => onlyTypedErrors(() => {
        for (const packet of readCapture(input)) expect(packet.data.length).toBeLessThanOrEqual(input.length);
      }),
    });
  });

  it(`UDP decoder: ${CASES} random and mutated frames give a datagram or a PcapParseError`, () => {
    const linkTypes = Object.values(LinkType);
    let linkType = 0;
    fuzz({
      seed: 0x0dd,
      cases: CASES / 2,
      seeds: frames,
      check: (input) => onlyTypedErrors(() => {
        const packet = { timestampUs: 0, linkType: linkTypes[linkType++ % linkTypes.length]!, data: input, originalLength: input.length };
        const datagram = udpDatagramOf(packet);
        expect(datagram.payload.byteOffset + datagram.payload.length).toBeLessThanOrEqual(input.byteOffset + input.length);
      }),
    });
  });

  it(`decodePacket: ${CASES} random and mutated frames of every link type decode without throwing`, () => {
    const linkTypes = Object.values(LinkType);
    let linkType = 0;
    fuzz({
      seed: 0xdec0de,
      cases: CASES,
      // The loopback capture adds TCP (options, IPv6) to the Chromium call's UDP.
      seeds: [...frames, ...readCapture(readLoopbackCapture()).map((packet) => packet.data)],
      check: (input) => {
        const decoded = decodePacket({ timestampUs: 0, linkType: linkTypes[linkType++ % linkTypes.length]!, data: input, originalLength: input.length });
        if (decoded.transport !== undefined && decoded.error !== undefined) throw new Error('a transport layer and an error at once');
      },
    });
  }, 15_000 + CASES / 20);
});
