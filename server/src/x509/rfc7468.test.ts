/**
 * RFC 7468 PEM: the layout we write, what we read back, and that Node's
 * crypto and TLS accept our certificate and key for a server (node:https
 * takes the same { cert, key } as node:tls).
 */
import { once } from 'node:events';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { connect, createSecureContext, createServer } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { thrownCode } from '../asn1/test-helpers.ts';
import { X509ParseError } from './errors.ts';
import { generateCertificate } from './generate.ts';
import { fromPem, toPem } from './pem.ts';

const certificate = generateCertificate({ commonName: 'localhost' });

describe('toPem', () => {
  it('RFC 7468 §2: BEGIN and END lines with the label, base64 in lines of exactly 64 but the last', () => {
    const pem = toPem(certificate.der, 'CERTIFICATE');
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((line) => line.length === 64)).toBe(true);
    expect(body.at(-1)!.length).toBeGreaterThan(0);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
    expect(Buffer.from(body.join(''), 'base64').equals(certificate.der)).toBe(true);
  });

  it.each([1, 2, 3, 47, 48, 49, 95, 96, 97])('round-trips %i bytes through fromPem', (length) => {
    const der = Buffer.alloc(length, 0xa5);
    expect(fromPem(toPem(der, 'PUBLIC KEY'), 'PUBLIC KEY').equals(der)).toBe(true);
  });

  it('writes a 48-byte multiple without an empty line', () => {
    expect(toPem(Buffer.alloc(48), 'PUBLIC KEY')).not.toContain('\n\n');
  });
});

describe('fromPem', () => {
  const pem = certificate.certificatePem();

  it('RFC 7468 §2, §3: skips text around the block and whitespace inside it', () => {
    const lax = `subject=CN = localhost\r\n${pem.replace(/\n/g, '\r\n  ')}\ntrailing notes`;
    expect(fromPem(lax, 'CERTIFICATE').equals(certificate.der)).toBe(true);
  });

  it('finds the block with the asked label among others', () => {
    const bundle = certificate.privateKeyPem() + pem;
    expect(fromPem(bundle, 'CERTIFICATE').equals(certificate.der)).toBe(true);
    expect(createPrivateKey({ key: fromPem(bundle, 'PRIVATE KEY'), format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('ec');
  });

  it.each([
    { name: 'no BEGIN line', text: 'MIIB\n-----END CERTIFICATE-----\n' },
    { name: 'another label', text: pem.replace(/CERTIFICATE/g, 'PUBLIC KEY') },
    { name: 'no END line', text: pem.replace('-----END CERTIFICATE-----', '') },
    { name: 'an empty body', text: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n' },
    { name: 'a character outside base64', text: pem.replace(/\n(.)/, '\n*') },
    { name: 'bad padding', text: '-----BEGIN CERTIFICATE-----\nQQ=\n-----END CERTIFICATE-----\n' },
  ])('rejects $name with BAD_PEM', ({ text }) => {
    expect(thrownCode(X509ParseError, () => fromPem(text, 'CERTIFICATE'))).toBe('BAD_PEM');
  });
});

describe('LocalCertificate PEM output in node:crypto and node:tls', () => {
  it('crypto reads certificatePem() and privateKeyPem(), and they pair', () => {
    const x509 = new X509Certificate(certificate.certificatePem());
    const privateKey = createPrivateKey(certificate.privateKeyPem());
    expect(certificate.privateKeyPem()).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(x509.fingerprint256).toBe(certificate.fingerprint());
    expect(x509.checkPrivateKey(privateKey)).toBe(true);
  });

  it('tls.createSecureContext accepts the pair and refuses a key from another certificate', () => {
    expect(() => createSecureContext({ cert: certificate.certificatePem(), key: certificate.privateKeyPem() })).not.toThrow();
    expect(() => createSecureContext({ cert: certificate.certificatePem(), key: generateCertificate().privateKeyPem() })).toThrow();
  });

  it('a TLS server presents it, and the client sees our fingerprint', async () => {
    const server = createServer({ cert: certificate.certificatePem(), key: certificate.privateKeyPem() }, (socket) => socket.end('hello'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      // Self-signed: the fingerprint is the trust anchor, as in WebRTC (RFC 8122 §5).
      const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      await once(socket, 'secureConnect');
      const peer = socket.getPeerX509Certificate();
      expect(peer?.fingerprint256).toBe(certificate.fingerprint());
      expect(peer?.subject).toBe('CN=localhost');
      socket.destroy();
    } finally {
      server.close();
    }
  });
});
