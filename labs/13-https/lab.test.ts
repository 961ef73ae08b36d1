/**
 * The raw HTTP/HTTPS server over real sockets on loopback (requests written
 * byte for byte), and the lab's parse and secure commands as processes.
 */
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { connect as connectTcp, type AddressInfo, type Server } from 'node:net';
import path from 'node:path';
import { connect as connectTls } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labsDir } from '#course/paths.ts';
import { runTypeScript, type RunningProcess } from '#course/testing.ts';
import { generateCertificate } from '#server/x509/index.ts';
import { createHttpServer, createHttpsServer } from './raw-server.ts';

const ROOT = realpathSync(path.join(labsDir, '13-https', 'page'));
const certificate = generateCertificate({ commonName: 'localhost', subjectAltNames: ['localhost', '127.0.0.1'] });
const logged: string[] = [];
const servers: Server[] = [];
let httpPort = 0;
let httpsPort = 0;

beforeAll(async () => {
  const http = createHttpServer({ root: ROOT, log: (line) => logged.push(line) });
  const https = createHttpsServer({ root: ROOT, log: (line) => logged.push(line) }, { cert: certificate.certificatePem(), key: certificate.privateKeyPem() });
  servers.push(http, https);
  http.listen(0, '127.0.0.1');
  https.listen(0, '127.0.0.1');
  await Promise.all([once(http, 'listening'), once(https, 'listening')]);
  httpPort = (http.address() as AddressInfo).port;
  httpsPort = (https.address() as AddressInfo).port;
});
afterAll(() => servers.forEach((server) => server.close()));

/** Sends `parts` (with a pause between them) and returns the whole response. */
async function exchange(secure: boolean, ...parts: string[]): Promise<string> {
  const socket = secure
    ? connectTls({ host: '127.0.0.1', port: httpsPort, ca: certificate.certificatePem(), servername: 'localhost' })
    : connectTcp(httpPort, '127.0.0.1');
  await once(socket, secure ? 'secureConnect' : 'connect');
  // Listen for the close before writing: the server may answer and close during the last pause.
  const closed = once(socket, 'close');
  let response = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (response += chunk));
  for (const part of parts) {
    socket.write(part);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await closed;
  return response;
}

describe('13-https: the raw server', () => {
  it('serves the page over HTTP and the same page over HTTPS, with its Content-Type', async () => {
    const plain = await exchange(false, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const secure = await exchange(true, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    for (const response of [plain, secure]) {
      expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(response).toContain('Content-Type: text/html; charset=utf-8\r\n');
      expect(response).toContain('Connection: close\r\n');
      expect(response).toContain('<h1>Is this page a secure context?</h1>');
    }
    expect(logged).toContain('http GET / HTTP/1.1 Host: a → 200 text/html; charset=utf-8');
    expect(logged).toContain('https GET / HTTP/1.1 Host: a → 200 text/html; charset=utf-8');
  });

  it('waits for a head that arrives in pieces', async () => {
    const response = await exchange(false, 'GET /check.js HT', 'TP/1.1\r\nHo', 'st: a\r\n', '\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Type: text\/javascript; charset=utf-8/);
  });

  it.each([
    { name: '.. out of the folder', request: 'GET /../main.ts HTTP/1.1\r\nHost: a\r\n\r\n', status: '403 Forbidden' },
    { name: 'percent-encoded ..', request: 'GET /%2e%2e/lab.test.ts HTTP/1.1\r\nHost: a\r\n\r\n', status: '403 Forbidden' },
    { name: 'a missing file', request: 'GET /missing HTTP/1.1\r\nHost: a\r\n\r\n', status: '404 Not Found' },
    { name: 'DELETE', request: 'DELETE / HTTP/1.1\r\nHost: a\r\n\r\n', status: '405 Method Not Allowed' },
    { name: 'a space before the colon', request: 'GET / HTTP/1.1\r\nHost : a\r\n\r\n', status: '400 Bad Request' },
    { name: 'no Host', request: 'GET / HTTP/1.1\r\n\r\n', status: '400 Bad Request' },
    { name: 'HTTP/2.0', request: 'GET / HTTP/2.0\r\nHost: a\r\n\r\n', status: '505 HTTP Version Not Supported' },
    { name: '9000 bytes without the end of a head', request: `GET / HTTP/1.1\r\nHost: a\r\nX: ${'a'.repeat(9000)}`, status: '431 Request Header Fields Too Large' },
  ])('refuses $name: $status', async ({ request, status }) => {
    expect(await exchange(false, request)).toMatch(new RegExp(`^HTTP/1\\.1 ${status}\\r\\n`));
  });
});

describe('13-https: the lab', () => {
  const processes: RunningProcess[] = [];
  afterEach(() => processes.splice(0).forEach((child) => child.kill()));
  const main = path.join(labsDir, '13-https', 'main.ts');

  it('says which origins are potentially trustworthy', async () => {
    const secure = runTypeScript(main, ['secure', 'http://localhost:3000/', 'http://192.168.1.2:3000/']);
    processes.push(secure);
    expect((await secure.waitForExit(15_000)).code).toBe(0);
    expect(secure.stdout()).toMatch(/^trustworthy +http:\/\/localhost:3000\/\nNOT trustworthy +http:\/\/192\.168\.1\.2:3000\/\n$/);
  });

  it('prints usage with no arguments', async () => {
    const usage = runTypeScript(main);
    processes.push(usage);
    expect((await usage.waitForExit(15_000)).code).toBe(0);
    expect(usage.stdout()).toContain('npm run lab -- 13-https serve');
  });
});
