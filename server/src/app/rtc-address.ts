/**
 * Where the SFU's media port listens and what address it tells browsers to
 * send to, from `--host`, `--listen-ip` and `--announced-ip`. A browser sends
 * to the address in the server's ICE candidate, so that address must be one
 * it can reach: never a wildcard, and behind a 1:1 NAT the public one
 * (`--announced-ip`, as mediasoup's announcedAddress).
 */
import { isIP } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { ServerOptions } from './options.ts';

export interface RtcAddress {
  /** What the UDP socket binds. */
  readonly listenIp: string;
  /** What the candidates say. */
  readonly announcedIp: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::']);

/**
 * Defaults: the media port listens where the web server does (`--host`; a
 * host name listens on every IPv4 interface), and announces that address;
 * listening on a wildcard, it announces this machine's first address of that
 * family that is neither loopback nor link-local, or loopback if it has none.
 */
export function rtcAddress(
  options: Pick<ServerOptions, 'host' | 'listenIp' | 'announcedIp'>,
  interfaces: readonly NetworkInterfaceInfo[] = Object.values(networkInterfaces()).flatMap((list) => list ?? []),
): RtcAddress {
  const listenIp = options.listenIp ?? (isIP(options.host) !== 0 ? options.host : options.host === 'localhost' ? '127.0.0.1' : '0.0.0.0');
  if (options.announcedIp !== undefined) return { listenIp, announcedIp: options.announcedIp };
  if (!WILDCARDS.has(listenIp)) return { listenIp, announcedIp: listenIp };
  const family = listenIp === '::' ? 'IPv6' : 'IPv4';
  const reachable = interfaces.find((entry) => entry.family === family && !entry.internal && !entry.address.toLowerCase().startsWith('fe80:'));
  return { listenIp, announcedIp: reachable?.address ?? (family === 'IPv6' ? '::1' : '127.0.0.1') };
}
