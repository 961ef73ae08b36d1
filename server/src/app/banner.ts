/** What `npm start` prints once it listens: where to point a browser, and what to expect there. */
import { networkInterfaces } from 'node:os';
import type { RunningApp } from './start.ts';

export function startBanner(app: RunningApp): string {
  const { options, certificate } = app;
  const scheme = options.https ? 'https' : 'http';
  const lines = [`${options.mode === 'sfu' ? 'SFU' : 'mesh'} call on ${app.origin}/`];
  if (options.host === '0.0.0.0' || options.host === '::') {
    lines.push('  also reachable at:');
    for (const address of interfaceAddresses(options.host === '::')) lines.push(`    ${scheme}://${address}:${app.port}/`);
  }
  lines.push('  open it in two or more tabs or browsers; /?room=demo&name=alice joins directly');
  if (app.sfu !== undefined) {
    const { listenIp, port, announcedIp } = app.sfu.media;
    lines.push(`  media: udp ${listenIp}:${port}, announced to browsers as ${announcedIp}:${port}; /api/stats shows rooms and load`);
    if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1' && options.announcedIp === undefined) {
      lines.push('         browsers on other machines must reach that address and port (UDP); behind NAT, set --announced-ip');
    }
  }
  if (certificate !== undefined) {
    if (certificate.fingerprint !== undefined) {
      lines.push(`  TLS: a self-signed certificate made just now, valid for ${certificate.names.join(', ')}`);
      lines.push(`       SHA-256 ${certificate.fingerprint}`);
      lines.push('       the browser warns once (nobody vouches for it): compare the fingerprint, then proceed');
    } else {
      lines.push(`  TLS: ${options.certFile ?? '?'}`);
    }
  } else if (options.host !== '127.0.0.1' && options.host !== 'localhost' && options.host !== '::1') {
    lines.push('  note: over plain http, browsers allow the camera only on localhost; use --https for other hosts');
  }
  if (options.tokenSecret !== undefined) {
    lines.push(`  rooms need a token${options.allowJoinWithoutToken ? ' when one is given' : ''}: add &token=<token> (server/scripts/mint-token.ts)`);
  }
  lines.push('  Ctrl-C stops');
  return lines.join('\n');
}

function interfaceAddresses(includeIPv6: boolean): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((entry) => entry.family === 'IPv4' || (includeIPv6 && !entry.address.toLowerCase().startsWith('fe80:')))
    .map((entry) => (entry.family === 'IPv6' ? `[${entry.address}]` : entry.address));
}
