/**
 * The ICE-lite agent against what Chromium 156 really sent an ICE-lite peer
 * (server/fixtures/chromium-156, "ICE-lite runs"): its checks, in capture
 * order and at capture times, with the credentials of that run's SDP. The
 * probe's response to the first check, which Chromium accepted, is the shape
 * to match: here it is matched byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureText } from '#fixtures/index.ts';
import { readCapture, udpDatagramsOf } from '../pcap/index.ts';
import { icePwdAttribute, iceUfragAttribute, isIceLite, parseSessionDescription, readAttribute } from '../sdp/index.ts';
import { findAttribute, parseStunMessage, shortTermKey, verifyMessageIntegrity } from '../stun/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import type { IceParameters } from './ice-parameters.ts';
import { IceLiteAgent } from './lite-agent.ts';
import { responseCode } from './test-support.ts';
import type { TransportTuple } from './transport-tuple.ts';

interface ManifestEntry {
  readonly capture: string;
  readonly frame: number;
  readonly time_s: number;
}

const manifest = JSON.parse(readFixtureText('manifest.json')) as Record<string, ManifestEntry>;

function credentialsOf(sdpFile: string): IceParameters & { lite: boolean } {
  const session = parseSessionDescription(readFixtureText(sdpFile));
  const media = session.media[0]!;
  return {
    usernameFragment: readAttribute(media, iceUfragAttribute)!,
    password: readAttribute(media, icePwdAttribute)!,
    lite: isIceLite(session),
  };
}

/** The answer was the probe's (the lite side, i.e. ours); the offer Chromium's. */
const LITE = credentialsOf('sdp/lite-dtls12-answer.sdp');
const CHROMIUM = credentialsOf('sdp/lite-dtls12-offer.sdp');

const FILES = {
  first: 'stun/lite-01-chromium-request-controlling.bin',
  probeResponse: 'stun/lite-02-probe-success-response.bin',
  useCandidate: 'stun/lite-03-chromium-request-use-candidate.bin',
  consent: 'stun/lite-04-chromium-consent-request.bin',
} as const;

/** The 5-tuple a fixture travelled on, read from its frame in the capture, seen from the lite peer. */
function tupleOf(file: string): TransportTuple {
  const entry = manifest[file]!;
  const datagram = udpDatagramsOf(readCapture(readFixture(entry.capture))).find((d) => Buffer.from(d.payload).equals(readFixture(file)))!;
  const fromChromium = !file.includes('probe');
  const [local, remote] = fromChromium ? [datagram.destination, datagram.source] : [datagram.source, datagram.destination];
  return { protocol: 'udp', family: 'IPv4', localAddress: local.address, localPort: local.port, remoteAddress: remote.address, remotePort: remote.port };
}

function liteAgent(localParameters: IceParameters = LITE): { agent: IceLiteAgent; clock: ManualClock } {
  const clock = new ManualClock();
  const timers = new TimerQueue({ clock });
  return { agent: new IceLiteAgent({ timers, clock, localParameters, remoteParameters: { usernameFragment: CHROMIUM.usernameFragment } }), clock };
}

const bytes = (file: string) => new Uint8Array(readFixture(file));

describe('ICE-lite agent with the Chromium 156 lite run', () => {
  it('uses the credentials of an a=ice-lite answer', () => {
    expect(LITE.lite).toBe(true);
    expect(CHROMIUM.lite).toBe(false);
  });

  it("answers Chromium's first check byte for byte as the probe did, which Chromium accepted", () => {
    const { agent } = liteAgent();
    const tuple = tupleOf(FILES.first);
    expect(tupleOf(FILES.probeResponse)).toEqual(tuple);
    const result = agent.handleStun(bytes(FILES.first), tuple);
    expect(result.outcome).toBe('accepted');
    expect(result.response).toEqual(bytes(FILES.probeResponse));
  });

  it('is connected after that first check, with its tuple selected though not nominated', () => {
    const { agent } = liteAgent();
    const tuple = tupleOf(FILES.first);
    expect(agent.handleStun(bytes(FILES.first), tuple).nominated).toBe(false);
    expect(agent.state).toBe('connected');
    expect(agent.selectedTuple).toEqual(tuple);
  });

  it('completes on the first USE-CANDIDATE, 52 ms in, and stays completed through the consent check at 4.96 s', () => {
    const { agent, clock } = liteAgent();
    let now = 0;
    for (const file of [FILES.first, FILES.useCandidate, FILES.consent]) {
      const atMs = manifest[file]!.time_s * 1000;
      clock.advance(atMs - now);
      now = atMs;
      const tuple = tupleOf(file);
      const result = agent.handleStun(bytes(file), tuple);
      expect(result.outcome, file).toBe('accepted');
      const response = parseStunMessage(result.response!);
      expect(response.transactionId).toEqual(parseStunMessage(bytes(file)).transactionId);
      expect(findAttribute(response, 'XOR-MAPPED-ADDRESS')?.address.port).toBe(tuple.remotePort);
      expect(verifyMessageIntegrity(result.response!, shortTermKey(LITE.password))).toBe(true);
    }
    expect(agent.state).toBe('completed');
    expect(agent.stats).toMatchObject({ successResponses: 3, nominations: 2, selectedTupleChanges: 1 });
    clock.advance(30_000 - 1);
    expect(agent.state).toBe('completed');
    clock.advance(1);
    expect(agent.state).toBe('disconnected');
  });

  it.each(Object.values(FILES).filter((file) => !file.includes('probe')))("%s: with Chromium's own password as ours, 401 and no success", (file) => {
    const { agent } = liteAgent({ usernameFragment: LITE.usernameFragment, password: CHROMIUM.password });
    const result = agent.handleStun(bytes(file), tupleOf(file));
    expect(result.reason).toBe('BAD_INTEGRITY');
    expect(responseCode(result.response)).toBe(401);
    expect(findAttribute(parseStunMessage(result.response!), 'MESSAGE-INTEGRITY')).toBeUndefined();
    expect(agent.state).toBe('new');
  });

  it('gives a 401 when the SDP named another Chromium ufrag', () => {
    const clock = new ManualClock();
    const agent = new IceLiteAgent({ timers: new TimerQueue({ clock }), clock, localParameters: LITE, remoteParameters: { usernameFragment: 'Othr' } });
    expect(agent.handleStun(bytes(FILES.first), tupleOf(FILES.first)).reason).toBe('UNKNOWN_USERNAME');
  });
});

describe('ICE-lite agent with the Chromium 156 Chromium-to-Chromium checks', () => {
  const ANSWERER = credentialsOf('sdp/plain-answer.sdp');
  const OFFERER = credentialsOf('sdp/plain-offer.sdp');
  const tuple: TransportTuple = { protocol: 'udp', family: 'IPv4', localAddress: '127.0.0.1', localPort: 9, remoteAddress: '127.0.0.1', remotePort: 10 };

  it("accepts the controlling offerer's checks to the answerer, and completes on their USE-CANDIDATE", () => {
    const { agent } = liteAgent(ANSWERER);
    agent.setRemoteParameters({ usernameFragment: OFFERER.usernameFragment });
    expect(agent.handleStun(bytes('stun/c2c-03-offerer-request-controlling-use-candidate.bin'), tuple).nominated).toBe(true);
    expect(agent.handleStun(bytes('stun/c2c-05-offerer-consent-request.bin'), tuple).outcome).toBe('accepted');
    expect(agent.state).toBe('completed');
  });

  it("answers the controlled answerer's check with 487: a lite agent cannot become controlling", () => {
    const { agent } = liteAgent(OFFERER);
    agent.setRemoteParameters({ usernameFragment: ANSWERER.usernameFragment });
    const result = agent.handleStun(bytes('stun/c2c-01-answerer-request-controlled.bin'), tuple);
    expect(result.reason).toBe('ROLE_CONFLICT');
    expect(responseCode(result.response)).toBe(487);
    expect(verifyMessageIntegrity(result.response!, shortTermKey(OFFERER.password))).toBe(true);
    expect(agent.state).toBe('new');
  });
});
