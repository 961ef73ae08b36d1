/**
 * The lab as a student runs it: `server` and `client` as real processes on a free loopback UDP
 * port, and the lab's server against `openssl s_client -dtls1_2` (an independent DTLS and
 * exporter implementation), whose printed keying material must equal ours. The openssl tests
 * are skipped when the CLI is missing.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runTypeScript } from '#course/testing.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const HANDSHAKE_MS = 10_000;

const HAVE_OPENSSL = (() => {
  try {
    return /^OpenSSL 3/.test(execFileSync('openssl', ['version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
})();

const labs: RunningProcess[] = [];
const others: ChildProcess[] = [];

afterEach(() => {
  for (const lab of labs.splice(0)) lab.kill();
  for (const child of others.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function lab(args: readonly string[]): RunningProcess {
  const running = runTypeScript(MAIN, args);
  labs.push(running);
  return running;
}

/** A lab server on a free loopback port (--port 0), and that port. */
async function labServer(extra: readonly string[] = []): Promise<{ server: RunningProcess; port: string; fingerprint: string }> {
  const server = lab(['server', '--port', '0', ...extra]);
  const [, fingerprint] = await server.waitForLine(/^local-fingerprint: (sha-256 [0-9A-F:]+)/, HANDSHAKE_MS);
  const [, port] = await server.waitForLine(/^listening: udp 127\.0\.0\.1:(\d+)/, HANDSHAKE_MS);
  return { server, port: port!, fingerprint: fingerprint! };
}

/** The handshake lines one side printed. */
async function handshakeLines(side: RunningProcess) {
  const [, material] = await side.waitForLine(/^keying-material: ([0-9a-f]+)$/, HANDSHAKE_MS);
  const [, profile] = await side.waitForLine(/^srtp-profile: (\S+)$/);
  const [, peer] = await side.waitForLine(/^peer-fingerprint: (sha-256 [0-9A-F:]+)$/);
  return { material: material!, profile: profile!, peer: peer! };
}

describe('10-dtls-srtp lab: server and client', () => {
  it('agree on the profile and the 60-byte keying material, see each other\'s fingerprints, and echo a line', async () => {
    const { server, port, fingerprint: serverFingerprint } = await labServer();
    const client = lab(['client', '--port', port, '--send', 'hello over dtls']);
    const [, clientFingerprint] = await client.waitForLine(/^local-fingerprint: (sha-256 [0-9A-F:]+)/, HANDSHAKE_MS);
    const [fromClient, fromServer] = await Promise.all([handshakeLines(client), handshakeLines(server)]);
    expect(fromClient.profile).toBe('SRTP_AES128_CM_HMAC_SHA1_80');
    expect(fromServer.profile).toBe(fromClient.profile);
    expect(fromClient.material).toHaveLength(120);
    expect(fromServer.material).toBe(fromClient.material);
    expect(fromClient.peer).toBe(serverFingerprint);
    expect(fromServer.peer).toBe(clientFingerprint);
    await server.waitForLine(/^received: hello over dtls$/);
    await client.waitForLine(/^received: hello over dtls$/);
  });

  it('export 56 bytes when the only profile offered is SRTP_AEAD_AES_128_GCM, and print its session keys with --keys', async () => {
    const { server, port } = await labServer();
    const client = lab(['client', '--port', port, '--profile', 'SRTP_AEAD_AES_128_GCM', '--keys']);
    const [fromClient, fromServer] = await Promise.all([handshakeLines(client), handshakeLines(server)]);
    expect([fromClient.profile, fromServer.profile]).toEqual(['SRTP_AEAD_AES_128_GCM', 'SRTP_AEAD_AES_128_GCM']);
    expect(fromClient.material).toHaveLength(112);
    expect(fromServer.material).toBe(fromClient.material);
    const [, masterKey] = await client.waitForLine(/^ {2}client write.*: master key ([0-9a-f]{32}) {2}master salt [0-9a-f]{24}$/);
    expect(masterKey).toBe(fromClient.material.slice(0, 32));
    await client.waitForLine(/^ +srtp +encryption key [0-9a-f]{32} {2}auth key \(none: AEAD\) {2}salt [0-9a-f]{24}$/);
  });

  it('the client fails the handshake when the server\'s certificate does not have the --fingerprint it was given', async () => {
    const { port, fingerprint } = await labServer();
    const wrong = fingerprint.replace(/[0-9A-F]$/, (digit) => (digit === '0' ? '1' : '0'));
    const client = lab(['client', '--port', port, '--fingerprint', wrong]);
    await client.waitForLine(/^failed: /, HANDSHAKE_MS);
    expect((await client.waitForExit()).code).toBe(1);
    expect(client.stdout()).not.toMatch(/^keying-material:/m);
  });

  it('the client accepts the server with the right --fingerprint', async () => {
    const { server, port, fingerprint } = await labServer();
    const client = lab(['client', '--port', port, '--fingerprint', fingerprint.toLowerCase().replace('sha-256', 'SHA-256')]);
    const [fromClient, fromServer] = await Promise.all([handshakeLines(client), handshakeLines(server)]);
    expect(fromClient.material).toBe(fromServer.material);
  });

  it('the server serves one client at a time: a second client\'s ClientHello takes over, the first gets close_notify', async () => {
    const { server, port } = await labServer();
    const first = lab(['client', '--port', port]);
    const fromFirst = await handshakeLines(first);
    const second = lab(['client', '--port', port]);
    const fromSecond = await handshakeLines(second);
    expect(fromSecond.material).not.toBe(fromFirst.material);
    await first.waitForLine(/^closed$/);
    expect((await first.waitForExit()).code).toBe(0);
    await server.waitForLine(/^new client 127\.0\.0\.1:\d+: closing the connection with 127\.0\.0\.1:\d+$/);
  });

  it('prints the usage with no arguments and refuses an unknown profile', async () => {
    const usage = lab([]);
    expect((await usage.waitForExit(HANDSHAKE_MS)).code).toBe(0);
    expect(usage.stdout()).toMatch(/10-dtls-srtp server --port/);
    const bad = lab(['client', '--port', '9', '--profile', 'SRTP_NULL']);
    expect((await bad.waitForExit(HANDSHAKE_MS)).code).toBe(2);
    expect(bad.stderr()).toMatch(/unknown SRTP profile "SRTP_NULL"/);
  });
});

/** Collects an openssl process's stdout and stderr; waitFor polls it for a pattern. */
function collect(child: ChildProcess) {
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
  const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + HANDSHAKE_MS;
    for (;;) {
      const match = output.match(pattern);
      if (match) return match;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`openssl never printed ${pattern}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { waitFor };
}

describe.runIf(HAVE_OPENSSL)('10-dtls-srtp lab: against openssl s_client and s_server -dtls1_2', () => {
  let dir = '';
  let cert = '';
  let key = '';
  let opensslFingerprint = '';

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dtls-srtp-lab-'));
    cert = path.join(dir, 'cert.pem');
    key = path.join(dir, 'key.pem');
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=openssl-peer', '-days', '1'];
    execFileSync('openssl', args, { stdio: 'ignore' });
    const printed = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    opensslFingerprint = `sha-256 ${printed.trim().split('=')[1]}`;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** s_client with stdin open (so it stays connected) and its output collected. */
  function sClient(args: readonly string[]) {
    const child = spawn('openssl', ['s_client', '-dtls1_2', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    others.push(child);
    return { child, ...collect(child) };
  }

  it.each([
    { openssl: 'SRTP_AES128_CM_SHA1_80', profile: 'SRTP_AES128_CM_HMAC_SHA1_80', length: 60 },
    { openssl: 'SRTP_AEAD_AES_128_GCM', profile: 'SRTP_AEAD_AES_128_GCM', length: 56 },
  ])('$openssl: openssl exports the same $length bytes of EXTRACTOR-dtls_srtp, and gets its line echoed', async ({ openssl, profile, length }) => {
    const { server, port, fingerprint } = await labServer();
    const client = sClient([
      '-connect', `127.0.0.1:${port}`,
      '-cert', cert,
      '-key', key,
      '-use_srtp', openssl,
      '-keymatexport', 'EXTRACTOR-dtls_srtp',
      '-keymatexportlen', String(length),
    ]);
    const ours = await handshakeLines(server);
    expect(ours.profile).toBe(profile);
    expect(ours.peer).toBe(opensslFingerprint);
    await client.waitFor(new RegExp(`SRTP Extension negotiated, profile=${openssl}`));
    const [, theirs] = await client.waitFor(/Keying material: ([0-9A-F]+)/);
    expect(theirs).toHaveLength(2 * length);
    expect(ours.material).toBe(theirs!.toLowerCase());
    // The certificate s_client received is the one whose fingerprint the lab announced.
    const [serverPem] = await client.waitFor(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
    expect(`sha-256 ${new X509Certificate(serverPem).fingerprint256}`).toBe(fingerprint);
    client.child.stdin!.write('ping from openssl\n');
    await server.waitForLine(/^received: ping from openssl$/);
    await client.waitFor(/^ping from openssl$/m);
  });

  it('the lab client against openssl s_server -dtls1_2: the same 60 bytes, the fingerprints checked both ways, a line delivered', async () => {
    // A free UDP port: bind 0, read it back, let go of it for s_server.
    const probe = createSocket('udp4').bind(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address();
    probe.close();
    const server = spawn('openssl', [
      's_server', '-dtls1_2',
      '-accept', `127.0.0.1:${port}`,
      '-cert', cert,
      '-key', key,
      '-verify', '1',
      '-use_srtp', 'SRTP_AES128_CM_SHA1_80',
      '-keymatexport', 'EXTRACTOR-dtls_srtp',
      '-keymatexportlen', '60',
    ], { stdio: ['pipe', 'pipe', 'pipe'] });
    others.push(server);
    const output = collect(server);
    await output.waitFor(/ACCEPT/);
    const client = lab(['client', '--port', String(port), '--fingerprint', opensslFingerprint, '--send', 'hello, openssl']);
    const [, clientFingerprint] = await client.waitForLine(/^local-fingerprint: (sha-256 [0-9A-F:]+)/, HANDSHAKE_MS);
    const ours = await handshakeLines(client);
    expect(ours.profile).toBe('SRTP_AES128_CM_HMAC_SHA1_80');
    expect(ours.peer).toBe(opensslFingerprint);
    const [, theirs] = await output.waitFor(/Keying material: ([0-9A-F]+)/);
    expect(ours.material).toBe(theirs!.toLowerCase());
    const [clientPem] = await output.waitFor(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
    expect(`sha-256 ${new X509Certificate(clientPem).fingerprint256}`).toBe(clientFingerprint);
    await output.waitFor(/^hello, openssl$/m);
  });
});

