import { readFixture } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { parseRtpHeader, type RtpPacket } from '../rtp/index.ts';
import { RtpListener, RtpListenerError, type ListenerProducer, type RtpRoute } from './rtp-listener.ts';
import { CLEAR, clearFixture, rtpPacket } from './test-packets.ts';

const ids = { mid: CLEAR.extensionIds.mid };

function audioProducer(): ListenerProducer<string> {
  return { id: 'audio', mid: CLEAR.audio.mid, headerExtensionIds: ids, rtxPayloadTypes: [], encodings: [{ target: 'opus' }] };
}

function videoProducer(): ListenerProducer<string> {
  return { id: 'video', mid: CLEAR.video.mid, headerExtensionIds: ids, rtxPayloadTypes: [CLEAR.video.rtxPayloadType], encodings: [{ target: 'vp8' }] };
}

function summary(route: RtpRoute<string>): string {
  return route.kind === 'dropped' ? `dropped:${route.reason}` : `${route.kind}:${route.target}`;
}

function listenerFor(...producers: ListenerProducer<string>[]): RtpListener<string> {
  const listener = new RtpListener<string>();
  for (const producer of producers) listener.addProducer(producer);
  return listener;
}

describe('RtpListener: binding Chromium streams (rtp-clear fixtures, clear-offer.sdp without a=ssrc)', () => {
  const cases: { name: string; packets: string[]; routes: string[] }[] = [
    {
      name: 'Opus binds by MID, then routes by SSRC once the mid extension stops',
      packets: ['01-opus-first-with-mid.rtp.bin', '02-opus-later-no-mid.rtp.bin'],
      routes: ['media:opus', 'media:opus'],
    },
    {
      name: 'a packet without MID from an SSRC never bound is dropped as unknown',
      packets: ['02-opus-later-no-mid.rtp.bin', '01-opus-first-with-mid.rtp.bin', '02-opus-later-no-mid.rtp.bin'],
      routes: ['dropped:unknown', 'media:opus', 'media:opus'],
    },
    {
      name: 'the RTX padding probe (mid, PT 97) binds the RTX SSRC and is dropped; the later retransmission routes as RTX by SSRC',
      packets: ['05-rtx-padding.rtp.bin', '06-rtx-retransmission.rtp.bin', '03-vp8-keyframe-first.rtp.bin', '04-vp8-later.rtp.bin'],
      routes: ['dropped:padding-probe', 'rtx:vp8', 'media:vp8', 'media:vp8'],
    },
    {
      name: 'without the probe, the RTX retransmission (no mid) is unknown',
      packets: ['06-rtx-retransmission.rtp.bin'],
      routes: ['dropped:unknown'],
    },
  ];
  for (const { name, packets, routes } of cases) {
    it(name, () => {
      const listener = listenerFor(audioProducer(), videoProducer());
      expect(packets.map((file) => summary(listener.route(clearFixture(file))))).toEqual(routes);
    });
  }

  it('counts every outcome', () => {
    const listener = listenerFor(audioProducer(), videoProducer());
    for (const file of ['02-opus-later-no-mid.rtp.bin', '05-rtx-padding.rtp.bin', '03-vp8-keyframe-first.rtp.bin', '06-rtx-retransmission.rtp.bin']) {
      listener.route(clearFixture(file));
    }
    expect(listener.stats).toEqual({ media: 1, rtx: 1, padding: 0, malformed: 0, 'padding-probe': 1, unknown: 1 });
    expect(listener.boundSsrcs.sort()).toEqual([CLEAR.video.ssrc, CLEAR.video.rtxSsrc].sort());
  });

  it('routes by SSRCs signalled in SDP (a=ssrc, ssrc-group:FID) without any MID', () => {
    const listener = listenerFor({
      ...videoProducer(),
      mid: undefined,
      encodings: [{ ssrc: CLEAR.video.ssrc, rtxSsrc: CLEAR.video.rtxSsrc, target: 'vp8' }],
    });
    expect(summary(listener.route(clearFixture('04-vp8-later.rtp.bin')))).toBe('media:vp8');
    expect(summary(listener.route(clearFixture('06-rtx-retransmission.rtp.bin')))).toBe('rtx:vp8');
    expect(summary(listener.route(clearFixture('05-rtx-padding.rtp.bin')))).toBe('dropped:padding-probe');
  });
});

/** The header of an SRTP fixture; the encrypted rest stands in for the payload (or none, for a padding probe). */
function simulcastPacket(file: string, paddingProbe = false): RtpPacket {
  const bytes = new Uint8Array(readFixture(`simulcast/${file}`));
  const { value, bytesRead } = parseRtpHeader(bytes);
  return paddingProbe ? { ...value, payload: new Uint8Array(0), paddingSize: 255 } : { ...value, payload: bytes.subarray(bytesRead), paddingSize: 0 };
}

describe('RtpListener: simulcast by RID and repaired-RID (simulcast fixtures, simulcast-offer.sdp)', () => {
  // a=extmap:4 mid, :10 rtp-stream-id, :11 repaired-rtp-stream-id; a=rid:q/h/f send; RTX 97 (VP8) and 119 (RED).
  const simulcast: ListenerProducer<string> = {
    id: 'camera',
    mid: '1',
    headerExtensionIds: { mid: 4, rid: 10, repairedRid: 11 },
    rtxPayloadTypes: [97, 119],
    encodings: [
      { rid: 'q', target: 'q' },
      { rid: 'h', target: 'h' },
      { rid: 'f', target: 'f' },
    ],
  };

  it('binds each layer by its RID, and the RTX probe by its repaired-RID, then drops the probe', () => {
    const listener = listenerFor(simulcast);
    const routes = [
      simulcastPacket('rtx-repaired-rid.srtp.bin', true),
      simulcastPacket('rid-q-first.srtp.bin'),
      simulcastPacket('rid-h-first.srtp.bin'),
      simulcastPacket('rid-f-first.srtp.bin'),
      simulcastPacket('dd-one-byte-ext.srtp.bin'),
    ].map((packet) => summary(listener.route(packet)));
    expect(routes).toEqual(['dropped:padding-probe', 'media:q', 'media:h', 'media:f', 'media:q']);
    // The probe bound the RTX SSRC to layer q: a later retransmission on it, without extensions, is q's RTX.
    const rtxSsrc = simulcastPacket('rtx-repaired-rid.srtp.bin').ssrc;
    expect(summary(listener.route(rtpPacket({ ssrc: rtxSsrc, payloadType: 97 })))).toBe('rtx:q');
  });

  it('a RID no encoding has is unknown, and binds nothing', () => {
    const listener = listenerFor(simulcast);
    const packet = rtpPacket({ ssrc: 77, extensions: [[4, '1'], [10, 'x']] });
    expect(summary(listener.route(packet))).toBe('dropped:unknown');
    expect(listener.boundSsrcs).toEqual([]);
  });

  it('without RID, a producer with several encodings cannot tell them apart', () => {
    const listener = listenerFor(simulcast);
    expect(summary(listener.route(rtpPacket({ ssrc: 78, extensions: [[4, '1']] })))).toBe('dropped:unknown');
  });
});

describe('RtpListener: edge cases', () => {
  it('padding only on a media SSRC is a padding route (its sequence number still counts), never media', () => {
    const listener = listenerFor(videoProducer());
    const padding = rtpPacket({ ssrc: 5, payloadType: 96, extensions: [[4, '1']], payload: new Uint8Array(0), paddingSize: 200 });
    expect(summary(listener.route(padding))).toBe('padding:vp8');
    expect(summary(listener.route(rtpPacket({ ssrc: 5 })))).toBe('media:vp8');
  });

  it('padding only from an unknown SSRC without MID is counted as a probe', () => {
    const listener = listenerFor(videoProducer());
    expect(summary(listener.route(rtpPacket({ ssrc: 6, payload: new Uint8Array(0), paddingSize: 4 })))).toBe('dropped:padding-probe');
  });

  it('a MID nobody produces is unknown', () => {
    const listener = listenerFor(videoProducer());
    expect(summary(listener.route(rtpPacket({ ssrc: 7, extensions: [[4, '9']] })))).toBe('dropped:unknown');
  });

  it('a stream that changes SSRC rebinds, and the old SSRC is forgotten', () => {
    const listener = listenerFor(videoProducer());
    listener.route(rtpPacket({ ssrc: 10, extensions: [[4, '1']] }));
    listener.route(rtpPacket({ ssrc: 11, extensions: [[4, '1']] }));
    expect(listener.boundSsrcs).toEqual([11]);
    expect(summary(listener.route(rtpPacket({ ssrc: 10 })))).toBe('dropped:unknown');
  });

  it('removeProducer forgets its MID and SSRCs', () => {
    const listener = listenerFor(videoProducer(), audioProducer());
    listener.route(clearFixture('03-vp8-keyframe-first.rtp.bin'));
    listener.removeProducer('video');
    expect(summary(listener.route(clearFixture('04-vp8-later.rtp.bin')))).toBe('dropped:unknown');
    expect(summary(listener.route(clearFixture('03-vp8-keyframe-first.rtp.bin')))).toBe('dropped:unknown');
    expect(summary(listener.route(clearFixture('01-opus-first-with-mid.rtp.bin')))).toBe('media:opus');
  });

  it('the MID is read with the id of the producer that owns it', () => {
    // Producer "a" reads MID at id 4, producer "b" at id 5; a packet carrying b's MID at id 4 is not b's.
    const listener = listenerFor(
      { ...videoProducer(), id: 'a', mid: 'a', encodings: [{ target: 'a' }] },
      { ...videoProducer(), id: 'b', mid: 'b', headerExtensionIds: { mid: 5 }, encodings: [{ target: 'b' }] },
    );
    expect(summary(listener.route(rtpPacket({ ssrc: 1, extensions: [[4, 'b']] })))).toBe('dropped:unknown');
    expect(summary(listener.route(rtpPacket({ ssrc: 2, extensions: [[5, 'b']] })))).toBe('media:b');
    expect(summary(listener.route(rtpPacket({ ssrc: 3, extensions: [[4, 'a']] })))).toBe('media:a');
  });

  it('receive() parses, and drops a malformed datagram as counted, never throws', () => {
    const listener = listenerFor(audioProducer());
    expect(summary(listener.receive(new Uint8Array(readFixture('rtp-clear/01-opus-first-with-mid.rtp.bin'))))).toBe('media:opus');
    expect(summary(listener.receive(Uint8Array.of(0x80, 0x60, 0x00)))).toBe('dropped:malformed');
    expect(listener.stats.malformed).toBe(1);
  });

  const conflicts: { name: string; second: ListenerProducer<string>; code: string }[] = [
    { name: 'the same producer id', second: { ...videoProducer(), mid: '7' }, code: 'DUPLICATE_PRODUCER' },
    { name: 'a MID in use', second: { ...videoProducer(), id: 'other' }, code: 'MID_IN_USE' },
    { name: 'an SSRC in use', second: { ...audioProducer(), id: 'other', mid: '8', encodings: [{ ssrc: 42, target: 'x' }] }, code: 'SSRC_IN_USE' },
  ];
  for (const { name, second, code } of conflicts) {
    it(`refuses ${name} with RtpListenerError ${code}, leaving the first producer alone`, () => {
      const listener = listenerFor({ ...videoProducer(), encodings: [{ ssrc: 42, target: 'vp8' }] });
      let thrown: unknown;
      try {
        listener.addProducer(second);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RtpListenerError);
      expect((thrown as RtpListenerError).code).toBe(code);
      expect(summary(listener.route(rtpPacket({ ssrc: 42 })))).toBe('media:vp8');
    });
  }
});
