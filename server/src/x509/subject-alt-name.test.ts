/**
 * subjectAltName (RFC 5280 §4.2.1.6): the DER we write, what we read back,
 * and what node:tls (OpenSSL inside) and the openssl CLI make of a generated
 * certificate that carries one: a TLS client accepts it for the listed hosts
 * and refuses it for any other, which is what a browser does with `--https`.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIP, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkServerIdentity, connect, createServer } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate.ts';
import { X509ParseError } from './errors.ts';
import { generateCertificate, type LocalCertificate } from './generate.ts';
import { decodeSubjectAltName, encodeSubjectAltName, SUBJECT_ALT_NAME_OID, subjectAltNames } from './subject-alt-name.ts';
import { opensslAvailable } from './test-support.ts';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

function thrownCode(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof X509ParseError) return error.code;
    throw error;
  }
  return undefined;
}

describe('encodeSubjectAltName / decodeSubjectAltName', () => {
  // GeneralNames SEQUENCE (30), dNSName [2] IMPLICIT IA5String (82), iPAddress [7] IMPLICIT OCTET STRING (87).
  it.each([
    { names: ['localhost'], der: '300b 8209 6c6f63616c686f7374' },
    { names: ['127.0.0.1'], der: '3006 8704 7f000001' },
    { names: ['::1'], der: '3012 8710 00000000000000000000000000000001' },
    { names: ['*.example.com'], der: '300f 820d 2a2e6578616d706c652e636f6d' },
    {
      names: ['localhost', '192.168.1.20', 'fe80::1'],
      der: '3023 8209 6c6f63616c686f7374 8704 c0a80114 8710 fe800000000000000000000000000001',
    },
  ])('$names ↔ $der', ({ names, der }) => {
    expect(encodeSubjectAltName(names).toString('hex')).toBe(hex(der).toString('hex'));
    expect(decodeSubjectAltName(hex(der))).toEqual(names.map((value) => ({ type: isIP(value) === 0 ? 'dns' : 'ip', value })));
  });

  it('writes IPv6 back in the RFC 5952 canonical form', () => {
    const der = encodeSubjectAltName(['2001:DB8:0:0:0:0:0:1', '::ffff:10.0.0.1']);
    expect(decodeSubjectAltName(der)).toEqual([
      { type: 'ip', value: '2001:db8::1' },
      { type: 'ip', value: '::ffff:10.0.0.1' },
    ]);
  });

  it('keeps the kinds of name it does not interpret as "other", with their tag number', () => {
    // rfc822Name [1] "a@b", URI [6] "https://x", directoryName [4] (constructed: Name is a CHOICE, so EXPLICIT).
    const der = hex('3019 8103 614062 8609 68747470733a2f2f78 a407 3005 3103 0c0161');
    expect(decodeSubjectAltName(der)).toEqual([
      { type: 'other', tagNumber: 1 },
      { type: 'other', tagNumber: 6 },
      { type: 'other', tagNumber: 4 },
    ]);
  });

  it.each([
    { name: 'an empty list', der: '3000' },
    { name: 'not a SEQUENCE', der: '3100' },
    { name: 'truncated', der: '300b 8209 6c6f63616c' },
    { name: 'trailing bytes', der: '3006 8704 7f000001 00' },
    { name: 'an iPAddress of 5 octets', der: '3007 8705 7f00000100' },
    { name: 'an iPAddress of 0 octets', der: '3002 8700' },
    { name: 'a dNSName with a non-ASCII octet', der: '3003 8201 e9' },
    { name: 'a universal tag among the names', der: '3003 0401 00' },
  ])('rejects $name with BAD_SUBJECT_ALT_NAME', ({ der }) => {
    expect(thrownCode(() => decodeSubjectAltName(hex(der)))).toBe('BAD_SUBJECT_ALT_NAME');
  });

  it.each([[[]], [['']], [['bad name']], [['ünicode.example']], [['host_name']], [['-leading.example']], [[`${'a'.repeat(250)}.com`]]])(
    'refuses to encode %j (RangeError)',
    (names) => {
      expect(() => encodeSubjectAltName(names)).toThrow(RangeError);
    },
  );
});

describe('generateCertificate({ subjectAltNames })', () => {
  const names = ['localhost', '127.0.0.1', '::1', 'demo.example'];
  const certificate = generateCertificate({ subjectAltNames: names });
  const x509 = new X509Certificate(certificate.der);

  it("is read by Node's X509Certificate: the names, and checkHost/checkIP matching them", () => {
    expect(certificate.subjectAltNames).toEqual(names);
    expect(x509.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:demo.example');
    expect(x509.checkHost('localhost')).toBe('localhost');
    expect(x509.checkHost('demo.example')).toBe('demo.example');
    expect(x509.checkHost('other.example')).toBeUndefined();
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x509.checkIP('::1')).toBe('::1');
    expect(x509.checkIP('127.0.0.2')).toBeUndefined();
  });

  it('is read back by parseCertificate: one non-critical subjectAltName extension', () => {
    const parsed = parseCertificate(certificate.der);
    expect(parsed.extensions.map(({ oid, critical }) => ({ oid, critical }))).toEqual([{ oid: SUBJECT_ALT_NAME_OID, critical: false }]);
    expect(subjectAltNames(parsed.extensions)).toEqual([
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
      { type: 'dns', value: 'demo.example' },
    ]);
  });

  it('has no extensions at all without names, like the DTLS certificate Chromium makes', () => {
    const plain = generateCertificate();
    expect(plain.subjectAltNames).toEqual([]);
    expect(parseCertificate(plain.der).extensions).toEqual([]);
    expect(new X509Certificate(plain.der).subjectAltName).toBeUndefined();
  });

  it.runIf(opensslAvailable())('openssl x509 -text prints the Subject Alternative Name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'x509-san-'));
    try {
      const file = path.join(dir, 'cert.pem');
      writeFileSync(file, certificate.certificatePem());
      const text = execFileSync('openssl', ['x509', '-in', file, '-noout', '-text'], { encoding: 'utf8' });
      expect(text).toMatch(/X509v3 Subject Alternative Name:\s*\n\s*DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1, DNS:demo\.example/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a TLS client that trusts the certificate checks the host against subjectAltName', () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  async function serve(certificate: LocalCertificate): Promise<number> {
    const server = createServer({ cert: certificate.certificatePem(), key: certificate.privateKeyPem() }, (socket) => socket.end('hello'));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return (server.address() as AddressInfo).port;
  }

  /**
   * Connects to 127.0.0.1 trusting only `certificate`, and checks it the way
   * a client that typed `host` in the URL would: 'ok' or the error's code.
   */
  async function handshake(port: number, certificate: LocalCertificate, host: string): Promise<string> {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ca: certificate.certificatePem(),
      ...(isIP(host) === 0 ? { servername: host } : {}),
      checkServerIdentity: (_, peer) => checkServerIdentity(host, peer),
    });
    try {
      await Promise.race([once(socket, 'secureConnect'), once(socket, 'error').then(([error]) => Promise.reject(error))]);
      return 'ok';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? String(error);
    } finally {
      socket.destroy();
    }
  }

  it('accepts localhost and 127.0.0.1, which are listed, and refuses another name', async () => {
    const certificate = generateCertificate({ commonName: 'localhost', subjectAltNames: ['localhost', '127.0.0.1'] });
    const port = await serve(certificate);
    expect(await handshake(port, certificate, 'localhost')).toBe('ok');
    expect(await handshake(port, certificate, '127.0.0.1')).toBe('ok');
    expect(await handshake(port, certificate, 'other.example')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('refuses 127.0.0.1 when the certificate lists only localhost (an IP needs an iPAddress entry)', async () => {
    const certificate = generateCertificate({ commonName: '127.0.0.1', subjectAltNames: ['localhost'] });
    const port = await serve(certificate);
    expect(await handshake(port, certificate, '127.0.0.1')).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });
});
