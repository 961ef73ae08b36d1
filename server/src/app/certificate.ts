/**
 * The TLS certificate of `npm start --https`: the files given with --cert and
 * --key, or a self-signed one made by the project's own X.509 code. A browser
 * checks the URL's host against the subjectAltName only, so the generated one
 * names every way this machine may be reached: localhost, the loopback
 * addresses, the --host, and, when listening on every interface, the host name
 * and each interface address, so that another device on the network can
 * open https://<this machine's address>:3000 after accepting the warning.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { generateCertificate } from '../x509/index.ts';
import type { TlsCredentials } from '../http/index.ts';
import type { ServerOptions } from './options.ts';

export interface ServerCertificate extends TlsCredentials {
  /** SHA-256 fingerprint, to compare with what the browser shows; undefined for files we did not make. */
  readonly fingerprint?: string;
  readonly names: readonly string[];
}

const WILDCARD_ADDRESSES = new Set(['0.0.0.0', '::']);

export async function serverCertificate(options: ServerOptions): Promise<ServerCertificate> {
  if (options.certFile !== undefined && options.keyFile !== undefined) {
    const [cert, key] = await Promise.all([readFile(options.certFile, 'utf8'), readFile(options.keyFile, 'utf8')]);
    return { cert, key, names: [] };
  }
  const names = certificateNames(options.host, options.certificateNames);
  const certificate = generateCertificate({ commonName: 'localhost', subjectAltNames: names });
  return { cert: certificate.certificatePem(), key: certificate.privateKeyPem(), fingerprint: certificate.fingerprint(), names };
}

/** The subjectAltName list, without duplicates, in a stable order. */
export function certificateNames(host: string, extra: readonly string[], interfaces = localAddresses(), machine = hostname()): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  if (WILDCARD_ADDRESSES.has(host)) names.push(...(isIP(machine) === 0 && /^[A-Za-z0-9.-]+$/.test(machine) ? [machine] : []), ...interfaces);
  else names.push(host);
  names.push(...extra);
  return [...new Set(names.map((name) => (isIP(name) === 0 ? name.toLowerCase() : name)))];
}

/** This machine's IPv4 and IPv6 addresses, link-local ones (fe80::/10, which need a zone) left out. */
function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .map((entry) => entry.address)
    .filter((address) => !address.toLowerCase().startsWith('fe80:'));
}
