/**
 * The scripted client (test-client.ts, building blocks only) against a real
 * `openssl s_server -dtls1_2` over UDP on loopback: HelloVerifyRequest, ECDHE,
 * ECDSA, extended master secret, both Finished messages, use_srtp, application
 * data — for each cipher suite, with and without a CertificateRequest. openssl's
 * keylog gives its master secret, which must equal ours: this is the check of the
 * extended master secret (session_hash) that the Chromium captures cannot give.
 *
 * Skipped when the `openssl` CLI is missing. The full state machine's interop
 * tests (retransmission, Chromium) belong to the handshake layer.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CipherSuiteId } from './crypto/cipher-suite.ts';
import { SRTP_AES128_CM_HMAC_SHA1_80, ScriptedClient } from './test-client.ts';
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
