/**
 * The security layer of a transport, against a DtlsConnection client on an
 * in-memory wire: the role from the peer's a=setup, DTLS held until the
 * peer's parameters are known, the fingerprint check, SRTP sessions that
 * interoperate with the peer's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DtlsConnection } from '../dtls/index.ts';
import type { DtlsState } from '../sfu/webrtc-transport-parameters.ts';
import { TimerQueue, systemClock } from '../timers/index.ts';
import { fromPem, generateCertificate } from '../x509/index.ts';
import { DtlsSrtpTransport, expectedFingerprint, localDtlsRoleFor } from './dtls-srtp-transport.ts';
import { sleep } from './test-call.ts';

const sfuCertificate = generateCertificate({ commonName: 'sfu' });
const browserCertificate = generateCertificate({ commonName: 'browser' });
const fingerprintOf = (certificate: typeof sfuCertificate) => [{ algorithm: 'sha-256' as const, value: certificate.fingerprint('sha-256') }];

let timers: TimerQueue | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  timers?.close();
  timers = undefined;
});

/** The SFU side and a browser-like client, each delivering to the other on a later microtask. */
function wire(options: { maxEarlyDatagrams?: number } = {}) {
  const queue = new TimerQueue({ clock: systemClock });
  timers = queue;
  const states: { state: DtlsState; pem: string | undefined }[] = [];
  let client: DtlsConnection | undefined;
  const sfu = new DtlsSrtpTransport({
    certificate: sfuCertificate,
    timers: queue,
    clock: systemClock,
    send: (datagram) => queueMicrotask(() => client?.handleDatagram(datagram)),
    onStateChange: (state, pem) => states.push({ state, pem }),
    ...options,
  });
  client = new DtlsConnection({
    role: 'client',
    certificate: browserCertificate,
    remoteFingerprint: `sha-256 ${sfuCertificate.fingerprint('sha-256')}`,
    send: (datagram) => queueMicrotask(() => sfu.handleDatagram(new Uint8Array(datagram))),
    handshakeTimeoutMs: 3000,
  });
  const browser = client;
  cleanups.push(() => {
    sfu.close();
    browser.close();
  });
  const clientDone = new Promise<'connected' | 'failed'>((resolve) => {
    browser.on('connected', () => resolve('connected'));
    browser.on('failed', () => resolve('failed'));
  });
  return { sfu, client: browser, states, clientDone };
}

describe('localDtlsRoleFor and expectedFingerprint', () => {
  it.each([
    { remote: 'client', local: 'server' },
    { remote: 'server', local: 'client' },
    { remote: 'auto', local: 'server' }, // the browser's actpass: it becomes the client and starts at once
    { remote: undefined, local: 'server' },
  ] as const)('remote $remote → SFU $local', ({ remote, local }) => {
    expect(localDtlsRoleFor(remote)).toBe(local);
  });

  it('checks against sha-256 when offered, else the first fingerprint', () => {
    expect(expectedFingerprint({ fingerprints: [{ algorithm: 'sha-1', value: 'AA' }, { algorithm: 'sha-256', value: 'BB' }] })).toBe('sha-256 BB');
    expect(expectedFingerprint({ fingerprints: [{ algorithm: 'sha-512', value: 'CC' }] })).toBe('sha-512 CC');
    expect(() => expectedFingerprint({ fingerprints: [] })).toThrow(TypeError);
  });
});

describe('DtlsSrtpTransport', () => {
  it('holds a ClientHello that arrives before connect(), then completes with working SRTP both ways', async () => {
    const { sfu, client, states, clientDone } = wire();
    sfu.setPath('127.0.0.1:50000');
    client.start(); // the browser's ClientHello, before the control plane has its answer
    await sleep(10);
    expect(sfu.state).toBe('new');
    expect(sfu.stats.earlyDatagramsHeld).toBeGreaterThan(0);
    expect(sfu.connect({ role: 'client', fingerprints: fingerprintOf(browserCertificate) })).toBe('server');
    expect(await clientDone).toBe('connected');
    await sleep(10);
    expect(states.map(({ state }) => state)).toEqual(['connecting', 'connected']);
    // The control plane gets the peer's certificate, as PEM.
    expect(fromPem(states[1]!.pem!, 'CERTIFICATE').equals(browserCertificate.der)).toBe(true);

    const { profile, local, remote } = client.srtpKeyingMaterial();
    expect(sfu.stats.srtpProfile).toBe(profile.name);
    const { createSrtpSession } = await import('../srtp/index.ts');
    const browserOut = createSrtpSession({ profile, ...local });
    const browserIn = createSrtpSession({ profile, ...remote });
    const rtp = Uint8Array.of(0x80, 96, 0, 1, 0, 0, 0, 1, 0, 0, 0, 7, 1, 2, 3);
    expect([...sfu.sessions!.inbound.unprotectRtp(browserOut.protectRtp(rtp))]).toEqual([...rtp]);
    expect([...browserIn.unprotectRtp(sfu.sessions!.outbound.protectRtp(rtp))]).toEqual([...rtp]);
  });

  it("fails, without keys, when the peer's certificate is not the one its SDP announced", async () => {
    const { sfu, client, states, clientDone } = wire();
    sfu.connect({ role: 'client', fingerprints: fingerprintOf(generateCertificate({ commonName: 'announced' })) });
    sfu.setPath('127.0.0.1:50000');
    client.start();
    expect(await clientDone).toBe('failed');
    expect(states.map(({ state }) => state)).toEqual(['connecting', 'failed']);
    expect(sfu.stats.failure).toBe('FINGERPRINT_MISMATCH');
    expect(sfu.sessions).toBeUndefined();
  });

  it('starts nothing without a path, refuses a second connect(), and drops early DTLS beyond its limit (counted)', () => {
    const { sfu, states } = wire({ maxEarlyDatagrams: 1 });
    for (let i = 0; i < 3; i++) sfu.handleDatagram(Uint8Array.of(22, 0xfe, 0xff));
    expect(sfu.stats).toMatchObject({ earlyDatagramsHeld: 1, earlyDatagramsDropped: 2 });
    sfu.connect({ role: 'server', fingerprints: fingerprintOf(browserCertificate) });
    expect(sfu.role).toBe('client');
    expect(() => sfu.connect({ role: 'client', fingerprints: fingerprintOf(browserCertificate) })).toThrow(/already/);
    expect(states).toEqual([]);
    expect(sfu.state).toBe('new');
  });
});
