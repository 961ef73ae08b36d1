/**
 * Real Chromium 156 packets (server/fixtures/chromium-156): the facts the
 * manifest and README state about them, and byte-exact round trips.
 */
import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { getDependencyDescriptor, hasDependencyDescriptor } from './codecs/dependency-descriptor.ts';
import { isVp8Keyframe, parseVp8Descriptor } from './codecs/vp8-descriptor.ts';
import { getHeaderExtension, type RtpHeaderExtension } from './header-extensions.ts';
import { parseRtpHeader, parseRtpPacket, serializeRtpPacket, type RtpPacket } from './packet.ts';
import { unwrapRtx } from './rtx.ts';
import { clearCaptureRtpPackets, hex } from './test-helpers.ts';

/** a=ssrc and a=fmtp lines of sdp/clear-offer.sdp. */
const OPUS = { ssrc: 92727525, payloadType: 111 };
const VP8 = { ssrc: 861255495, payloadType: 96 };
const RTX = { ssrc: 3439070694, payloadType: 97, apt: new Map([[97, 96]]) };
/** a=extmap ids of sdp/clear-offer.sdp (the same in both sections). */
const MID = 4;
const AUDIO_LEVEL = 1;

function elementIds(extension: RtpHeaderExtension | undefined): number[] {
  return extension === undefined || extension.kind === 'raw' ? [] : extension.elements.map((element) => element.id);
}

function text(data: Uint8Array | undefined): string | undefined {
  return data === undefined ? undefined : Buffer.from(data).toString('latin1');
}

const clearFixtures: { file: string; check: (packet: RtpPacket) => void }[] = [
  {
    file: 'rtp-clear/01-opus-first-with-mid.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject({ ...OPUS, marker: true, paddingSize: 0 });
      expect(packet.extension?.kind).toBe('one-byte');
      expect(elementIds(packet.extension)).toEqual([2, 3, MID, AUDIO_LEVEL]);
      expect(text(getHeaderExtension(packet, MID))).toBe('0');
    },
  },
  {
    file: 'rtp-clear/02-opus-later-no-mid.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject({ ...OPUS, marker: false });
      expect(elementIds(packet.extension)).toEqual([2, 3, AUDIO_LEVEL]);
      expect(getHeaderExtension(packet, MID)).toBeUndefined();
    },
  },
  {
    file: 'rtp-clear/03-vp8-keyframe-first.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject(VP8);
      expect(text(getHeaderExtension(packet, MID))).toBe('1');
      expect(isVp8Keyframe(packet.payload)).toBe(true);
      expect(parseVp8Descriptor(packet.payload).value).toMatchObject({
        startOfPartition: true,
        partitionIndex: 0,
        pictureId: 0x7576,
        longPictureId: true,
      });
    },
  },
  {
    file: 'rtp-clear/04-vp8-later.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject(VP8);
      expect(getHeaderExtension(packet, MID)).toBeUndefined();
      expect(isVp8Keyframe(packet.payload)).toBe(false);
    },
  },
  {
    file: 'rtp-clear/05-rtx-padding.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject({ ssrc: RTX.ssrc, payloadType: RTX.payloadType, timestamp: 0, paddingSize: 255 });
      expect(packet.payload.length).toBe(0);
    },
  },
  {
    file: 'rtp-clear/06-rtx-retransmission.rtp.bin',
    check: (packet) => {
      expect(packet).toMatchObject({ ssrc: RTX.ssrc, payloadType: RTX.payloadType });
      // rtcp-clear/06-nack.rtcp.bin, sent just before, NACKs this sequence number of the VP8 SSRC.
      const nack = readFixture('rtcp-clear/06-nack.rtcp.bin');
      expect(nack.readUInt32BE(8)).toBe(VP8.ssrc);
      const original = unwrapRtx(packet, { ssrc: VP8.ssrc, apt: RTX.apt });
      expect(original).toMatchObject({ ...VP8, sequenceNumber: nack.readUInt16BE(12), timestamp: packet.timestamp });
      expect(original.payload).toEqual(packet.payload.subarray(2));
    },
  },
];

describe('rtp-clear fixtures', () => {
  it('covers every file in the folder', () => {
    expect(clearFixtures.map((row) => row.file)).toEqual(listFixtures('rtp-clear'));
  });

  it.each(clearFixtures)('$file parses to the facts the manifest states', ({ file, check }) => {
    check(parseRtpPacket(readFixture(file)));
  });

  it.each(clearFixtures)('$file round-trips byte for byte', ({ file }) => {
    const bytes = readFixture(file);
    expect(serializeRtpPacket(parseRtpPacket(bytes))).toEqual(new Uint8Array(bytes));
  });
});

/** a=extmap ids of the video section of sdp/simulcast-offer.sdp, by URI. */
function simulcastVideoExtmap(): Map<string, number> {
  const video = readFixtureText('sdp/simulcast-offer.sdp').split(/\r?\nm=/).find((section) => section.startsWith('video'));
  const ids = new Map<string, number>();
  for (const [, id, uri] of (video ?? '').matchAll(/^a=extmap:(\d+) (\S+)/gm)) ids.set(uri!, Number(id));
  return ids;
}

describe('simulcast SRTP fixtures (header only; the payload is encrypted)', () => {
  const extmap = simulcastVideoExtmap();
  const id = (uri: string): number => extmap.get(uri) ?? Number.NaN;
  const mid = id('urn:ietf:params:rtp-hdrext:sdes:mid');
  const rid = id('urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id');
  const repairedRid = id('urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id');
  const dependencyDescriptor = id('https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension');
  const layersAllocation = id('http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00');

  it('takes the extension ids from the offer', () => {
    expect([mid, rid, repairedRid, dependencyDescriptor, layersAllocation]).toEqual([4, 10, 11, 12, 9]);
  });

  it.each(['q', 'h', 'f'])(
    'rid-%s-first uses the two-byte profile for its long dependency descriptor and carries mid and rid',
    (layer) => {
      const { value: header } = parseRtpHeader(readFixture(`simulcast/rid-${layer}-first.srtp.bin`));
      expect(header.payloadType).toBe(118);
      expect(header.extension?.kind).toBe('two-byte');
      expect(text(getHeaderExtension(header, mid))).toBe('1');
      expect(text(getHeaderExtension(header, rid))).toBe(layer);
      expect(getHeaderExtension(header, dependencyDescriptor)!.length).toBeGreaterThan(16);
      expect(getHeaderExtension(header, layersAllocation)).toBeDefined();
      // The first packet of each layer is a key frame, which carries the template structure.
      expect(getDependencyDescriptor(header, dependencyDescriptor)).toMatchObject({
        startOfFrame: true,
        templateStructurePresent: true,
      });
    },
  );

  it('rtx-repaired-rid carries repaired-rid and mid in the one-byte profile, with the P bit', () => {
    const { value: header, padding } = parseRtpHeader(readFixture('simulcast/rtx-repaired-rid.srtp.bin'));
    expect(padding).toBe(true);
    expect(header.extension?.kind).toBe('one-byte');
    expect(text(getHeaderExtension(header, repairedRid))).toBe('q');
    expect(text(getHeaderExtension(header, mid))).toBe('1');
    expect(getHeaderExtension(header, rid)).toBeUndefined();
    expect(hasDependencyDescriptor(header, dependencyDescriptor)).toBe(false);
  });

  it('dd-one-byte-ext carries a 3-byte dependency descriptor in the one-byte profile', () => {
    const { value: header } = parseRtpHeader(readFixture('simulcast/dd-one-byte-ext.srtp.bin'));
    expect(header.extension?.kind).toBe('one-byte');
    expect(text(getHeaderExtension(header, rid))).toBe('q');
    expect(hasDependencyDescriptor(header, dependencyDescriptor)).toBe(true);
    expect(Uint8Array.from(getHeaderExtension(header, dependencyDescriptor) ?? [])).toEqual(hex('c5 00 02'));
    expect(getDependencyDescriptor(header, dependencyDescriptor)).toEqual({
      startOfFrame: true,
      endOfFrame: true,
      templateId: 5,
      frameNumber: 2,
      templateStructurePresent: false,
    });
  });
});

describe('pcap/clear-rtp-rtcp.pcapng', () => {
  const datagrams = clearCaptureRtpPackets();
  const packets = datagrams.map((datagram) => parseRtpPacket(datagram));

  it('holds the streams of the clear offer', () => {
    expect(packets.length).toBeGreaterThan(1000);
    const ssrcs = new Set(packets.map((packet) => packet.ssrc));
    expect([...ssrcs].sort()).toEqual([OPUS.ssrc, VP8.ssrc, RTX.ssrc].sort());
  });

  it('round-trips every RTP packet byte for byte', () => {
    const mismatches = datagrams.filter((datagram, i) => {
      const out = serializeRtpPacket(packets[i]!);
      return Buffer.compare(Buffer.from(out), Buffer.from(datagram)) !== 0;
    });
    expect(mismatches).toEqual([]);
  });

  it('parses the VP8 descriptor of every VP8 packet and finds key frames', () => {
    const vp8 = packets.filter((packet) => packet.ssrc === VP8.ssrc);
    expect(vp8.filter((packet) => isVp8Keyframe(packet.payload)).length).toBeGreaterThan(0);
  });

  it('unwraps every RTX retransmission to the original packet that was captured', () => {
    const originals = new Map(
      packets.filter((packet) => packet.ssrc === VP8.ssrc).map((packet) => [packet.sequenceNumber, packet]),
    );
    const retransmissions = packets.filter((packet) => packet.ssrc === RTX.ssrc && packet.payload.length > 0);
    expect(retransmissions.length).toBeGreaterThan(0);
    for (const rtx of retransmissions) {
      const restored = unwrapRtx(rtx, { ssrc: VP8.ssrc, apt: RTX.apt });
      const original = originals.get(restored.sequenceNumber);
      expect(original, `original of OSN ${restored.sequenceNumber}`).toBeDefined();
      expect(restored).toMatchObject({
        payloadType: original!.payloadType,
        timestamp: original!.timestamp,
        marker: original!.marker,
        payload: original!.payload,
      });
    }
  });
});
