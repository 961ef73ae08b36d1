/**
 * Against real openssl (OpenSSL 3) over UDP on loopback.
 *
 * 1. The scripted client (test-client.ts, building blocks only) against
 *    `openssl s_server -dtls1_2`: HelloVerifyRequest, ECDHE, ECDSA, extended master
 *    secret, both Finished messages, use_srtp, application data — for each cipher
 *    suite, with and without a CertificateRequest. openssl's keylog gives its master
 *    secret, which must equal ours: the check of the extended master secret
 *    (session_hash) that the Chromium captures cannot give.
 * 2. DtlsConnection as the client against `s_server -verify 1`, and as the server
 *    against `s_client`, with certificates made by our x509 module: openssl's printed
 *    "Keying material:" (-keymatexport EXTRACTOR-dtls_srtp) equals our
 *    exportKeyingMaterial, each side sees the other's certificate, data goes both
 *    ways through openssl's stdin and stdout, close_notify ends it; and a
 *    fingerprint that does not match ends it with bad_certificate.
 *
 * Skipped when the `openssl` CLI is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { type Socket, createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalCertificate, fromPem, generateCertificate } from '../x509/index.ts';
import { DtlsConnection } from './connection.ts';
import type { DtlsConnectionOptions } from './connection-options.ts';
import { CipherSuiteId } from './crypto/cipher-suite.ts';
import { SRTP_AES128_CM_HMAC_SHA1_80, ScriptedClient } from './test-client.ts';
import { Recorder } from './test-connection.ts';
import { toHex } from './test-support.ts';

const HAVE_OPENSSL = (() => {
  try {
    return /^OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

/** OpenSSL cipher names for our suites. */
const OPENSSL_CIPHER: Record<number, string> = {
  [CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256]: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  [CipherSuiteId.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  [CipherSuiteId.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256]: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};

let dir = '';

function makeCertificate(name: string): { cert: string; key: string; der: Uint8Array } {
  const cert = path.join(dir, `${name}.pem`);
  const key = path.join(dir, `${name}.key`);
  const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', `/CN=${name}`, '-days', '1'];
  execFileSync('openssl', args, { stdio: 'ignore' });
  const der = execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER']);
  return { cert, key, der: new Uint8Array(der) };
}

async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(resolve));
  return port;
}

/** Starts s_server and resolves once it listens; collects its stdout. */
async function startServer(args: readonly string[]): Promise<{ process: ChildProcess; output: () => string }> {
  const child = spawn('openssl', ['s_server', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  await waitFor(() => output.includes('ACCEPT'), 5000, () => `s_server did not start: ${output}`);
  return { process: child, output: () => output };
}

async function waitFor(done: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(why());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A connected UDP socket whose datagrams queue until taken. */
async function connect(port: number) {
  const socket = createSocket('udp4');
  const queue: Uint8Array[] = [];
  socket.on('message', (message) => queue.push(new Uint8Array(message)));
  await new Promise<void>((resolve) => socket.connect(port, '127.0.0.1', resolve));
  return {
    send: (datagrams: readonly Uint8Array[]) => datagrams.forEach((datagram) => socket.send(datagram)),
    /** Waits for at least one datagram and returns all queued. */
    receive: async (): Promise<Uint8Array[]> => {
      await waitFor(() => queue.length > 0, 3000, () => 'no datagram from s_server within 3 s');
      return queue.splice(0);
    },
    close: () => socket.close(),
  };
}

async function handshake(port: number, client: ScriptedClient) {
  const udp = await connect(port);
  try {
    udp.send(client.sendHello());
    for (let state: Uint8Array | 'done' | 'more' = 'more'; state !== 'done'; ) {
      state = client.takeServerMessages(client.endpoint.receive(await udp.receive()).messages);
      if (state instanceof Uint8Array) udp.send(client.sendHello(state));
    }
    udp.send(client.secondFlight());
    for (;;) {
      const result = client.finish(await udp.receive());
      if (result !== undefined) {
        udp.send([client.endpoint.applicationData(new TextEncoder().encode('hello from the dtls blocks\n'))]);
        return result;
      }
    }
  } finally {
    udp.close();
  }
}

describe.runIf(HAVE_OPENSSL)('against openssl s_server -dtls1_2', () => {
  let serverCert: ReturnType<typeof makeCertificate>;
  let clientCert: ReturnType<typeof makeCertificate>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dtls-interop-'));
    serverCert = makeCertificate('server');
    clientCert = makeCertificate('client');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases = Object.entries(CipherSuiteId).flatMap(([name, suite]) => [
    { name, suite, clientAuth: false },
    { name, suite, clientAuth: true },
  ]);

  it.each(cases)('$name (client certificate requested: $clientAuth) completes with EMS and the same master secret', async ({ suite, clientAuth }) => {
    const port = await freeUdpPort();
    const keylog = path.join(dir, `keylog-${suite}-${clientAuth}.txt`);
    const server = await startServer([
      '-dtls1_2',
      '-accept', `127.0.0.1:${port}`,
      '-cert', serverCert.cert,
      '-key', serverCert.key,
      '-cipher', OPENSSL_CIPHER[suite]!,
      '-use_srtp', 'SRTP_AES128_CM_SHA1_80',
      '-keylogfile', keylog,
      '-mtu', '1200',
      ...(clientAuth ? ['-verify', '1'] : []),
    ]);
    try {
      const identity = { certificate: clientCert.der, privateKey: createPrivateKey(readFileSync(clientCert.key)) };
      const client = new ScriptedClient({ identity, cipherSuites: [suite] });
      const result = await handshake(port, client);
      expect(result.suite.id).toBe(suite);
      expect(result.extendedMasterSecret).toBe(true);
      expect(result.srtpProfile).toBe(SRTP_AES128_CM_HMAC_SHA1_80);
      await waitFor(() => server.output().includes('hello from the dtls blocks'), 3000, () => `s_server never printed our data:\n${server.output()}`);
      const logged = readFileSync(keylog, 'utf8').match(/CLIENT_RANDOM ([0-9a-f]+) ([0-9a-f]+)/i);
      expect(logged?.[1]?.toLowerCase()).toBe(toHex(result.clientRandom));
      expect(logged?.[2]?.toLowerCase()).toBe(toHex(result.masterSecret));
      if (clientAuth) expect(server.output()).toMatch(/Client certificate|subject=.*CN ?= ?client/i);
    } finally {
      server.process.kill();
    }
  }, 15_000);
});

/** A certificate from our x509 module, written out as PEM for openssl. */
function writeOurCertificate(directory: string, name: string): { certificate: LocalCertificate; cert: string; key: string } {
  const certificate = generateCertificate({ commonName: name });
  const cert = path.join(directory, `${name}.pem`);
  const key = path.join(directory, `${name}.key`);
  writeFileSync(cert, certificate.certificatePem());
  writeFileSync(key, certificate.privateKeyPem());
  return { certificate, cert, key };
}

/** An openssl process with its stdin open and its stdout and stderr collected. */
function openssl(args: readonly string[]) {
  const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  const waitForOutput = async (pattern: RegExp, timeoutMs = 5000): Promise<RegExpMatchArray> => {
    let match: RegExpMatchArray | null = null;
    await waitFor(() => (match = output.match(pattern)) !== null, timeoutMs, () => `openssl never printed ${pattern}:\n${output}`);
    return match!;
  };
  return { child, output: () => output, waitForOutput };
}

function connectedOrFailed(connection: DtlsConnection): Promise<void> {
  return new Promise((resolve, reject) => {
    connection.on('connected', () => resolve());
    connection.on('failed', (error) => reject(error));
  });
}

/** openssl's -use_srtp names, ours, and the exporter length 2 × (key + salt). */
const PROFILE_CASES = [
  { openssl: 'SRTP_AES128_CM_SHA1_80', ours: 'SRTP_AES128_CM_HMAC_SHA1_80', length: 60 },
  { openssl: 'SRTP_AEAD_AES_128_GCM', ours: 'SRTP_AEAD_AES_128_GCM', length: 56 },
] as const;

describe.runIf(HAVE_OPENSSL)('DtlsConnection against openssl -dtls1_2 (certificates from our x509)', () => {
  let directory = '';
  let ours: ReturnType<typeof writeOurCertificate>;
  let theirs: ReturnType<typeof writeOurCertificate>;
  const processes: ChildProcess[] = [];
  const sockets: Socket[] = [];
  const connections: DtlsConnection[] = [];

  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'dtls-connection-interop-'));
    ours = writeOurCertificate(directory, 'ours');
    theirs = writeOurCertificate(directory, 'openssl-peer');
  });

  afterEach(() => {
    for (const connection of connections.splice(0)) connection.close();
    for (const socket of sockets.splice(0)) socket.close();
    for (const child of processes.splice(0)) child.kill();
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  async function udpSocket(): Promise<Socket> {
    const socket = createSocket('udp4');
    sockets.push(socket);
    socket.bind(0, '127.0.0.1');
    await once(socket, 'listening');
    return socket;
  }

  /** Our client aimed at an s_server on `port`. */
  async function ourClient(port: number, options: Partial<DtlsConnectionOptions> = {}) {
    const socket = await udpSocket();
    const connection = new DtlsConnection({
      role: 'client',
      certificate: ours.certificate,
      remoteFingerprint: `sha-256 ${theirs.certificate.fingerprint()}`,
      send: (datagram) => socket.send(datagram, port, '127.0.0.1'),
      ...options,
    });
    socket.on('message', (datagram) => connection.handleDatagram(datagram));
    connections.push(connection);
    return { connection, events: new Recorder(connection) };
  }

  async function sServer(args: readonly string[]) {
    const port = await freeUdpPort();
    const server = openssl(['s_server', '-dtls1_2', '-accept', `127.0.0.1:${port}`, '-cert', theirs.cert, '-key', theirs.key, '-verify', '1', ...args]);
    processes.push(server.child);
    await server.waitForOutput(/ACCEPT/);
    return { ...server, port };
  }

  it.each(PROFILE_CASES)('our client ↔ s_server -use_srtp $openssl: same keying material, both certificates seen, data both ways, close_notify', async ({ openssl: profile, ours: ourProfile, length }) => {
    const server = await sServer(['-use_srtp', profile, '-keymatexport', 'EXTRACTOR-dtls_srtp', '-keymatexportlen', String(length)]);
    const { connection, events } = await ourClient(server.port, { srtpProfiles: [ourProfile] });
    const connected = connectedOrFailed(connection);
    connection.start();
    await connected;
    expect(events.connected).toMatchObject({ srtpProfile: { name: ourProfile }, extendedMasterSecret: true, remoteFingerprint: `sha-256 ${theirs.certificate.fingerprint()}` });
    const [, material] = await server.waitForOutput(/Keying material: ([0-9A-F]+)/);
    expect(material).toBe(connection.exportKeyingMaterial('EXTRACTOR-dtls_srtp', length).toString('hex').toUpperCase());
    // -verify 1 asked for our certificate, and openssl prints the one it got.
    const [clientPem] = await server.waitForOutput(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
    expect(fromPem(clientPem, 'CERTIFICATE')).toEqual(ours.certificate.der);
    await server.waitForOutput(new RegExp(`SRTP Extension negotiated, profile=${profile}`));

    connection.send(Buffer.from('hello from DtlsConnection\n'));
    await server.waitForOutput(/^hello from DtlsConnection$/m);
    server.child.stdin!.write('hello from s_server\n');
    await waitFor(() => events.data.length > 0, 5000, () => 'no data from s_server');
    expect(Buffer.concat(events.data).toString()).toBe('hello from s_server\n');

    connection.close();
    await server.waitForOutput(/DONE/);
  }, 20_000);

  it.each([
    { name: 'ECDHE-ECDSA-AES256-GCM-SHA384 over P-256', suite: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', args: ['-cipher', 'ECDHE-ECDSA-AES256-GCM-SHA384', '-curves', 'prime256v1'], group: 'secp256r1' },
    { name: 'ECDHE-ECDSA-CHACHA20-POLY1305 over X25519', suite: 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', args: ['-cipher', 'ECDHE-ECDSA-CHACHA20-POLY1305'], group: 'x25519' },
  ])('our client ↔ s_server with $name', async ({ suite, args, group }) => {
    const server = await sServer(['-use_srtp', 'SRTP_AES128_CM_SHA1_80', '-keymatexport', 'EXTRACTOR-dtls_srtp', '-keymatexportlen', '60', ...args]);
    const { connection, events } = await ourClient(server.port);
    const connected = connectedOrFailed(connection);
    connection.start();
    await connected;
    expect(events.connected).toMatchObject({ cipherSuite: suite, group });
    const [, material] = await server.waitForOutput(/Keying material: ([0-9A-F]+)/);
    expect(material).toBe(connection.exportKeyingMaterial('EXTRACTOR-dtls_srtp', 60).toString('hex').toUpperCase());
  }, 20_000);

  it("our client refuses s_server's certificate when it is not the SDP's: FINGERPRINT_MISMATCH, and openssl reads bad_certificate", async () => {
    const server = await sServer(['-use_srtp', 'SRTP_AES128_CM_SHA1_80']);
    const { connection, events } = await ourClient(server.port, { remoteFingerprint: `sha-256 ${ours.certificate.fingerprint()}` });
    const settled = connectedOrFailed(connection);
    connection.start();
    await expect(settled).rejects.toMatchObject({ code: 'FINGERPRINT_MISMATCH' });
    expect(events.failed?.alertName).toBe('bad_certificate');
    await server.waitForOutput(/alert bad certificate/i);
  }, 20_000);

  /** Our server on a UDP port, answering whoever sends first. */
  async function ourServer(options: Partial<DtlsConnectionOptions> = {}) {
    const socket = await udpSocket();
    let peer: { port: number; address: string } | undefined;
    const connection = new DtlsConnection({
      role: 'server',
      certificate: ours.certificate,
      remoteFingerprint: `sha-256 ${theirs.certificate.fingerprint()}`,
      send: (datagram) => peer && socket.send(datagram, peer.port, peer.address),
      ...options,
    });
    socket.on('message', (datagram, rinfo) => {
      peer ??= { port: rinfo.port, address: rinfo.address };
      connection.handleDatagram(datagram);
    });
    connections.push(connection);
    connection.start();
    return { connection, events: new Recorder(connection), port: socket.address().port };
  }

  function sClient(port: number, args: readonly string[]) {
    const client = openssl(['s_client', '-dtls1_2', '-connect', `127.0.0.1:${port}`, '-cert', theirs.cert, '-key', theirs.key, ...args]);
    processes.push(client.child);
    return client;
  }

  it.each(PROFILE_CASES)('s_client -use_srtp $openssl ↔ our server: same keying material, both certificates seen, data both ways, close_notify', async ({ openssl: profile, ours: ourProfile, length }) => {
    const { connection, events, port } = await ourServer({ srtpProfiles: ['SRTP_AEAD_AES_128_GCM', 'SRTP_AES128_CM_HMAC_SHA1_80'] });
    const connected = connectedOrFailed(connection);
    const client = sClient(port, ['-use_srtp', profile, '-keymatexport', 'EXTRACTOR-dtls_srtp', '-keymatexportlen', String(length)]);
    await connected;
    // Our server went through the cookie exchange with openssl and checked its certificate.
    expect(events.connected).toMatchObject({ srtpProfile: { name: ourProfile }, extendedMasterSecret: true, remoteFingerprint: `sha-256 ${theirs.certificate.fingerprint()}` });
    const [, material] = await client.waitForOutput(/Keying material: ([0-9A-F]+)/);
    expect(material).toBe(connection.exportKeyingMaterial('EXTRACTOR-dtls_srtp', length).toString('hex').toUpperCase());
    const [serverPem] = await client.waitForOutput(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
    expect(fromPem(serverPem, 'CERTIFICATE')).toEqual(ours.certificate.der);
    await client.waitForOutput(/Protocol *: DTLSv1.2/);

    client.child.stdin!.write('hello from s_client\n');
    await waitFor(() => events.data.length > 0, 5000, () => 'no data from s_client');
    expect(Buffer.concat(events.data).toString()).toBe('hello from s_client\n');
    connection.send(Buffer.from('hello from our server\n'));
    await client.waitForOutput(/^hello from our server$/m);

    // s_client sends close_notify when its stdin ends.
    client.child.stdin!.end();
    await waitFor(() => connection.state === 'closed', 5000, () => `our server is ${connection.state}`);
    expect(events.closed).toBe(1);
  }, 20_000);

  it('s_client with a certificate that is not the SDP’s: our server fails with FINGERPRINT_MISMATCH and sends bad_certificate', async () => {
    const { connection, events, port } = await ourServer({ remoteFingerprint: `sha-256 ${ours.certificate.fingerprint()}` });
    const settled = connectedOrFailed(connection);
    const client = sClient(port, ['-use_srtp', 'SRTP_AES128_CM_SHA1_80']);
    await expect(settled).rejects.toMatchObject({ code: 'FINGERPRINT_MISMATCH' });
    expect(events.failed?.alertName).toBe('bad_certificate');
    await client.waitForOutput(/alert bad certificate/i);
  }, 20_000);
});
