/**
 * What the media plane refuses, on real sockets: checks that do not
 * authenticate, media from an address that never completed ICE, and a DTLS
 * peer whose certificate is not the one its SDP announced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DtlsError } from '../dtls/index.ts';
import { generateCertificate } from '../x509/index.ts';
import { type Call, clearRtp, consumeBoth, openCall, produceChromium, sleep, untilDtlsState } from './test-call.ts';
import { TestWebRtcPeer } from './test-webrtc-peer.ts';

let call: Call | undefined;
const strangers: TestWebRtcPeer[] = [];

afterEach(async () => {
  await Promise.all(strangers.splice(0).map((peer) => peer.close()));
  await call?.close();
  expect(call?.errors ?? []).toEqual([]);
  call = undefined;
});

async function stranger(): Promise<TestWebRtcPeer> {
  const peer = await TestWebRtcPeer.open();
  strangers.push(peer);
  return peer;
}

describe('MediaWorker: what it refuses', () => {
  it('answers a check signed with the wrong password with no success, and does not validate its address', async () => {
    call = await openCall({ subscriber: false });
    const intruder = await stranger();
    intruder.target(call.recv);
    const states: string[] = [];
    call.recv.on('icestatechange', (state) => states.push(state));
    const verdict = await intruder.check({ password: 'notTheIcePasswordOfThisTransport' });
    expect(verdict).not.toBe('success');
    expect(verdict).toBe(401);
    await sleep(20);
    expect(states).toEqual([]);
    expect(call.recv.iceState).toBe('new');
    expect(call.mediaWorker.muxStats.tuples).toBe(1); // the publisher's only
  });

  it('drops SRTP from an address that did not complete ICE, even protected with valid keys', async () => {
    call = await openCall();
    const producers = await produceChromium(call);
    const { video } = await consumeBoth(call, producers);
    const keyframe = clearRtp('03-vp8-keyframe-first.rtp.bin');
    const intruder = await stranger();
    intruder.target(call.send);
    const before = call.mediaWorker.muxStats.dropped['unknown-source'] ?? 0;
    // The publisher's own SRTP, replayed from another port: the keys are right, the 5-tuple is not.
    intruder.sendRaw(call.publisher.protectRtp(keyframe));
    await sleep(50);
    expect(call.subscriber.rtp).toEqual([]);
    expect(call.mediaWorker.muxStats.dropped['unknown-source']).toBe(before + 1);

    call.publisher.sendRtp(keyframe);
    const ssrc = video.rtpParameters.encodings![0]!.ssrc;
    expect((await call.subscriber.nextRtp((packet) => packet.ssrc === ssrc)).ssrc).toBe(ssrc);
  });

  it("fails DTLS with a peer whose certificate does not match the SDP fingerprint: dtlsState 'failed'", async () => {
    call = await openCall({ subscriber: false });
    const impostor = await stranger();
    impostor.target(call.recv);
    expect(await impostor.check()).toBe('success');
    // Signaling announced another certificate than the one the peer presents.
    const announced = generateCertificate({ commonName: 'announced' });
    const failed = untilDtlsState(call.recv, 'failed');
    await call.recv.connect({ dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: announced.fingerprint('sha-256') }] } });
    const handshake = impostor.handshake('client');
    await expect(handshake).rejects.toBeInstanceOf(DtlsError);
    await failed;
    expect(call.recv.dtlsState).toBe('failed');
    const dump = await call.recv.dump();
    expect(dump).toMatchObject({ dtls: { state: 'failed', failure: 'FINGERPRINT_MISMATCH' } });
    // No keys: SRTP from that peer goes nowhere.
    const [stats] = await call.recv.getStats();
    expect(stats!.dtlsState).toBe('failed');
  });

  it('refuses a second transport.connect: the DTLS role and fingerprint are set once', async () => {
    call = await openCall({ subscriber: false });
    const connectAgain = async () => call!.mediaWorker.requests['transport.connect'](call!.send.id, { dtlsParameters: call!.publisher.dtlsParameters('server') });
    await expect(connectAgain()).rejects.toThrow(/already/);
    expect(call.send.dtlsState).toBe('connected');
  });
});
