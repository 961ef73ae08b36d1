/**
 * Seeded fuzzing of every RTP parser: random buffers and mutations of real and
 * hand-built packets. A parser may only throw RtpParseError or return a value
 * that re-serializes and re-parses to an equal value (or, for the payloads we
 * only read, one whose views tile the input). `npm run fuzz` raises the count
 * through FUZZ_CASES; the `fuzz` helper reports a failing input as hex.
 */
import { isDeepStrictEqual } from 'node:util';
import { listFixtures, readFixture } from '#fixtures/index.ts';
import { fuzz } from '#server/common/fuzz.ts';
import { describe, it } from 'vitest';
import { av1ObuType, isAv1Keyframe, parseAv1Payload } from './codecs/av1-payload.ts';
import { parseDependencyDescriptor } from './codecs/dependency-descriptor.ts';
import { isH264Keyframe, parseH264Payload } from './codecs/h264-payload.ts';
import { isVp8Keyframe, parseVp8Descriptor, serializeVp8DescriptorInto, vp8DescriptorSize } from './codecs/vp8-descriptor.ts';
import { isVp9Keyframe, parseVp9Descriptor, serializeVp9DescriptorInto, vp9DescriptorSize } from './codecs/vp9-descriptor.ts';
import { RtpParseError } from './errors.ts';
import {
  headerExtensionSize,
  parseHeaderExtension,
  serializeHeaderExtensionInto,
  type RtpHeaderExtension,
} from './header-extensions.ts';
import { parseRtpPacket, serializeRtpPacket, type RtpPacket } from './packet.ts';
import { clearCaptureRtpPackets, hex } from './test-helpers.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 100_000);
/** Codec payload parsers only look at the first bytes; shorter inputs mutate faster. */
const CODEC_CASES = Math.max(1, Math.floor(CASES / 4));
const TIMEOUT_MS = Math.max(15_000, CASES / 10);

/** The value of `parse`, or undefined when it threw RtpParseError; anything else propagates and fails the case. */
function parsedOrRejected<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RtpParseError) return undefined;
    throw error;
  }
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${what} differs after re-serializing`);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** isDeepStrictEqual for extensions, several times faster on the hot loop (it dominated the run). */
function sameExtension(a: RtpHeaderExtension | undefined, b: RtpHeaderExtension | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'raw' || b.kind === 'raw') {
    return a.kind === 'raw' && b.kind === 'raw' && a.profile === b.profile && sameBytes(a.data, b.data);
  }
  if (a.kind !== b.kind || (a.kind === 'two-byte' && b.kind === 'two-byte' && a.appBits !== b.appBits)) return false;
  return (
    a.elements.length === b.elements.length &&
    a.elements.every((element, i) => element.id === b.elements[i]!.id && sameBytes(element.data, b.elements[i]!.data))
  );
}

function assertSamePacket(actual: RtpPacket, expected: RtpPacket): void {
  const same =
    actual.marker === expected.marker &&
    actual.payloadType === expected.payloadType &&
    actual.sequenceNumber === expected.sequenceNumber &&
    actual.timestamp === expected.timestamp &&
    actual.ssrc === expected.ssrc &&
    actual.paddingSize === expected.paddingSize &&
    actual.csrcs.length === expected.csrcs.length &&
    actual.csrcs.every((csrc, i) => csrc === expected.csrcs[i]) &&
    sameExtension(actual.extension, expected.extension) &&
    sameBytes(actual.payload, expected.payload);
  if (!same) throw new Error('packet differs after re-serializing');
}

/**
 * Fuzzes `parse` (and `alsoRun`, the keyframe helper, which may only throw the
 * typed error too); `check` gets each value `parse` accepted.
 */
function fuzzParser<T>(options: {
  seed: number;
  seeds: readonly Uint8Array[];
  maxRandomLength: number;
  parse: (input: Uint8Array) => T;
  alsoRun?: (input: Uint8Array) => unknown;
  check: (parsed: T, input: Uint8Array) => void;
}): void {
  const { parse, alsoRun, check, ...rest } = options;
  fuzz({
    ...rest,
    cases: CODEC_CASES,
    check: (input) => {
      if (alsoRun !== undefined) parsedOrRejected(() => alsoRun(input));
      const parsed = parsedOrRejected(() => parse(input));
      if (parsed !== undefined) check(parsed, input);
    },
  });
}

function assertViewsTile(input: Uint8Array, views: Uint8Array[], from: number): void {
  let offset = input.byteOffset + from;
  for (const view of views) {
    if (view.buffer !== input.buffer || view.byteOffset < offset) throw new Error('a view leaves the input or overlaps');
    offset = view.byteOffset + view.length;
  }
  if (views.length > 0 && offset !== input.byteOffset + input.length) throw new Error('the views stop before the end');
}

const capture = clearCaptureRtpPackets();
const packetSeeds = [
  ...listFixtures('rtp-clear').map((file) => readFixture(file)),
  ...listFixtures('simulcast').map((file) => readFixture(file)),
  // Mutating a 1000-byte payload only costs time; the header is what the parser reads.
  ...capture.filter((_, i) => i % 97 === 0).map((datagram) => datagram.subarray(0, 64)),
  hex('b1 e0 ab cd 00 01 00 00 ca fe ba be 00 00 00 09 be de 00 01 40 31 00 00 01 02 03 00 02'),
  hex('92 60 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00 05 10 05 00 02 10 00 ff 03 01 02 03 00 aa'),
  hex('90 60 00 01 00 00 00 02 00 00 00 03 12 34 00 01 01 02 03 04'),
];

function extensionBlockOf(packet: Uint8Array): Uint8Array | undefined {
  if ((packet[0]! & 0x10) === 0) return undefined;
  return packet.subarray(12 + (packet[0]! & 0x0f) * 4);
}

const extensionSeeds = [
  ...packetSeeds.map(extensionBlockOf).filter((block) => block !== undefined),
  hex('be de 00 03 10 aa 21 bb bb 00 00 33 cc cc cc cc'),
  hex('10 00 00 03 01 00 02 01 bb 00 03 04 cc cc cc cc'),
  hex('be de 00 02 10 aa ff 21 bb bb 00 00'),
];

/** The first bytes of each VP8 payload in the capture: descriptor and payload header. */
const vp8Seeds = capture
  .map((datagram) => parseRtpPacket(datagram))
  .filter((packet) => packet.payloadType === 96)
  .filter((_, i) => i % 20 === 0)
  .map((packet) => packet.payload.subarray(0, 12));

const vp9Seeds = [
  hex('0c'),
  hex('ac 05 53 07 82 49'),
  hex('f9 80 2a 20 03 05 08 82'),
  hex('8a 01 38 01 40 00 b4 02 80 01 68 02 04 02 34 01 82'),
  hex('0a 40'),
];

const h264Seeds = [
  hex('65 88 84 00'),
  hex('78 00 04 67 42 c0 1f 00 04 68 ce 3c 80 00 03 65 88 84'),
  hex('7c 85 88 84'),
  hex('59 00 01 00 02 65 88'),
];

const av1Seeds = [hex('08 02 12 00 03 0a 0b 0c'), hex('20 02 aa bb cc dd ee'), hex('30 01 aa 01 bb cc dd'), hex('00 80 01 00')];

describe(`fuzz (${CASES} cases for packets and extensions, ${CODEC_CASES} per codec parser)`, () => {
  it('parseRtpPacket: typed error, or a packet that re-serializes to the same value and bytes', { timeout: TIMEOUT_MS }, () => {
    fuzz({
      seed: 3550,
      cases: CASES,
      seeds: packetSeeds,
      maxRandomLength: 96,
      check: (input) => {
        const packet = parsedOrRejected(() => parseRtpPacket(input));
        if (packet === undefined) return;
        const bytes = serializeRtpPacket(packet);
        const again = parseRtpPacket(bytes);
        assertSamePacket(again, packet);
        if (!sameBytes(serializeRtpPacket(again), bytes)) throw new Error('canonical bytes changed');
      },
    });
  });

  it('parseHeaderExtension: typed error, or a block that re-serializes to the same value', { timeout: TIMEOUT_MS }, () => {
    fuzz({
      seed: 8285,
      cases: CASES,
      seeds: extensionSeeds,
      maxRandomLength: 64,
      check: (input) => {
        const parsed = parsedOrRejected(() => parseHeaderExtension(input));
        if (parsed === undefined) return;
        const buf = new Uint8Array(headerExtensionSize(parsed.value));
        serializeHeaderExtensionInto(parsed.value, buf, 0);
        if (!sameExtension(parseHeaderExtension(buf).value, parsed.value)) throw new Error('extension differs');
      },
    });
  });

  it('parseVp8Descriptor: typed error, or a descriptor that re-serializes to the same value', { timeout: TIMEOUT_MS }, () => {
    fuzzParser({
      seed: 7741,
      seeds: vp8Seeds,
      maxRandomLength: 12,
      parse: parseVp8Descriptor,
      alsoRun: isVp8Keyframe,
      check: ({ value, bytesRead }) => {
        const buf = new Uint8Array(vp8DescriptorSize(value));
        // Reserved bits and an empty X octet are dropped, so the rewrite may only shrink.
        if (serializeVp8DescriptorInto(value, buf, 0) > bytesRead) throw new Error('descriptor grew');
        assertEqual(parseVp8Descriptor(buf).value, value, 'vp8 descriptor');
      },
    });
  });

  it('parseVp9Descriptor: typed error, or a descriptor that re-serializes to the same value and size', { timeout: TIMEOUT_MS }, () => {
    fuzzParser({
      seed: 9628,
      seeds: vp9Seeds,
      maxRandomLength: 24,
      parse: parseVp9Descriptor,
      alsoRun: isVp9Keyframe,
      check: (parsed) => {
        const buf = new Uint8Array(vp9DescriptorSize(parsed.value));
        if (serializeVp9DescriptorInto(parsed.value, buf, 0) !== parsed.bytesRead) throw new Error('descriptor size changed');
        assertEqual(parseVp9Descriptor(buf), parsed, 'vp9 descriptor');
      },
    });
  });

  it('parseH264Payload: typed error, or NAL units that tile the payload', { timeout: TIMEOUT_MS }, () => {
    fuzzParser({
      seed: 6184,
      seeds: h264Seeds,
      maxRandomLength: 24,
      parse: parseH264Payload,
      alsoRun: isH264Keyframe,
      check: (parsed, input) => {
        if (parsed.packetization === 'single-nal') assertViewsTile(input, parsed.nalUnits, 0);
        // STAP-A: each unit follows its own 2-byte size, and the last ends the payload.
        if (parsed.packetization === 'stap-a') assertViewsTile(input, parsed.nalUnits, 3);
        if (parsed.fragment !== undefined) assertViewsTile(input, [parsed.fragment.data], 2);
      },
    });
  });

  it('parseAv1Payload: typed error, or OBU elements that tile the payload', { timeout: TIMEOUT_MS }, () => {
    fuzzParser({
      seed: 1,
      seeds: av1Seeds,
      maxRandomLength: 24,
      parse: parseAv1Payload,
      alsoRun: isAv1Keyframe,
      check: (parsed, input) => {
        if (parsed.elementCount > 0 && parsed.elements.length > parsed.elementCount) throw new Error('more elements than W');
        assertViewsTile(input, parsed.elements, 1);
        parsed.elements.forEach(av1ObuType);
      },
    });
  });

  it('parseDependencyDescriptor: typed error exactly when shorter than 3 bytes', { timeout: TIMEOUT_MS }, () => {
    fuzz({
      seed: 12,
      cases: CODEC_CASES,
      seeds: [hex('c5 00 02'), hex('80 00 03 80 02 04 4e')],
      maxRandomLength: 8,
      check: (input) => {
        const parsed = parsedOrRejected(() => parseDependencyDescriptor(input));
        if ((parsed === undefined) !== input.length < 3) throw new Error('accepted or rejected the wrong length');
      },
    });
  });
});
