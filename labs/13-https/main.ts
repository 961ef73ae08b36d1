/**
 * npm run lab -- 13-https serve [--host 127.0.0.1] [--http-port 8080] [--https-port 8443] [--name <host>]...
 * npm run lab -- 13-https cert --out <dir> [--name <host>]...
 * npm run lab -- 13-https parse                 (a request on stdin)
 * npm run lab -- 13-https secure <url>...
 */
import { once } from 'node:events';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { certificateNames } from '#server/app/certificate.ts';
import { generateCertificate } from '#server/x509/index.ts';
import { HttpParseError, parseRequestHead } from '#solutions/13-https/request-head.ts';
import { isPotentiallyTrustworthy } from '#solutions/13-https/secure-context.ts';
import { createHttpServer, createHttpsServer } from './raw-server.ts';

const PAGE = realpathSync(fileURLToPath(new URL('page/', import.meta.url)));

const usage = `usage:
  npm run lab -- 13-https serve [--host 127.0.0.1] [--http-port 8080] [--https-port 8443] [--name <host>]...
      one page over HTTP and over HTTPS (a certificate made at start), from a raw TCP/TLS server
      that logs every request head; the page shows whether the browser calls it a secure context
  npm run lab -- 13-https cert --out <dir> [--name <host>]...
      write cert.pem and key.pem (self-signed, ECDSA P-256, for localhost, 127.0.0.1, ::1 and each
      --name) to trust in a browser and use with npm start -- --cert <dir>/cert.pem --key <dir>/key.pem
  printf 'GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' | npm run lab -- 13-https parse
      parse a request head from stdin, or say why a server would refuse it
  npm run lab -- 13-https secure <url>...
      is each URL's origin potentially trustworthy (W3C Secure Contexts §3.1)?`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'http-port': { type: 'string', default: '8080' },
    'https-port': { type: 'string', default: '8443' },
    name: { type: 'string', multiple: true, default: [] },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
const [command, ...args] = positionals;

function port(name: 'http-port' | 'https-port'): number {
  const value = Number(values[name]);
  if (!/^\d+$/.test(values[name]) || value > 65_535) {
    console.error(`13-https: --${name} must be a port number, got "${values[name]}"`);
    process.exit(2);
  }
  return value;
}

async function serve(): Promise<void> {
  const names = certificateNames(values.host, values.name);
  const certificate = generateCertificate({ commonName: 'localhost', subjectAltNames: names });
  const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
  const http = createHttpServer({ root: PAGE, log });
  const https = createHttpsServer({ root: PAGE, log }, { cert: certificate.certificatePem(), key: certificate.privateKeyPem() });
  http.listen(port('http-port'), values.host);
  https.listen(port('https-port'), values.host);
  await Promise.all([once(http, 'listening'), once(https, 'listening')]);
  const host = values.host.includes(':') ? `[${values.host}]` : values.host;
  console.log(`http://${host}:${(http.address() as AddressInfo).port}/`);
  console.log(`https://${host}:${(https.address() as AddressInfo).port}/   certificate for ${names.join(', ')}`);
  console.log(`  SHA-256 ${certificate.fingerprint()}`);
  console.log('  the browser warns about the certificate: nobody vouches for it. Compare the fingerprint, then proceed.');
  console.log('  Ctrl-C stops\n');
  process.once('SIGINT', () => process.exit(0));
}

function writeCertificate(): void {
  if (values.out === undefined) {
    console.error('13-https: cert needs --out <dir>');
    process.exit(2);
  }
  const names = certificateNames('127.0.0.1', values.name);
  const certificate = generateCertificate({ commonName: 'localhost', subjectAltNames: names, notAfter: new Date(Date.now() + 90 * 24 * 3600 * 1000) });
  mkdirSync(values.out, { recursive: true });
  const certFile = path.join(values.out, 'cert.pem');
  const keyFile = path.join(values.out, 'key.pem');
  writeFileSync(certFile, certificate.certificatePem());
  writeFileSync(keyFile, certificate.privateKeyPem(), { mode: 0o600 });
  console.log(`wrote ${certFile} and ${keyFile} (private: mode 600)
  valid for      ${names.join(', ')}
  until          ${certificate.notAfter.toISOString()}
  SHA-256        ${certificate.fingerprint()}

  look inside:   openssl x509 -in ${certFile} -noout -text
  use it:        npm start -- --host 0.0.0.0 --cert ${certFile} --key ${keyFile}
  test it:       curl --cacert ${certFile} https://localhost:3000/healthz
  trust it:      Chromium/Chrome on Linux: certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n sfu-course -i ${certFile}
                 (or Settings → Privacy and security → Security → Manage certificates → Import)
                 Firefox: Settings → Certificates → View Certificates → Servers → Add Exception`);
}

async function parseStdin(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  try {
    const head = parseRequestHead(bytes);
    if (head === undefined) {
      console.log(`incomplete: ${bytes.length} bytes and no empty line (CRLF CRLF) yet; a server would wait for more`);
      process.exitCode = 1;
      return;
    }
    console.log(`method   ${head.method}\ntarget   ${head.target}\nversion  ${head.version}`);
    for (const [name, value] of head.headers) console.log(`  ${name}: ${value}`);
    console.log(`head: ${head.headLength} bytes; ${bytes.length - head.headLength} bytes after it (a body, or the next request)`);
  } catch (error) {
    if (!(error instanceof HttpParseError)) throw error;
    console.log(`refused: ${error.status} ${error.code}: ${error.message}`);
    process.exitCode = 1;
  }
}

if (command === 'serve') await serve();
else if (command === 'cert') writeCertificate();
else if (command === 'parse') await parseStdin();
else if (command === 'secure' && args.length > 0) {
  for (const url of args) console.log(`${isPotentiallyTrustworthy(url) ? 'trustworthy    ' : 'NOT trustworthy'}  ${url}`);
} else {
  console.log(usage);
  process.exitCode = command === undefined || values.help ? 0 : 2;
}
