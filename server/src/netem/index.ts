/**
 * Network emulation for tests and labs: a bad network between two endpoints
 * on one machine.
 *
 * - LossyUdpProxy: a user-space UDP proxy on loopback with seeded loss,
 *   duplication, reordering and delay/jitter, per direction, with counters.
 *   Runs anywhere, needs no privileges.
 * - createImpairedNamespace: a network namespace behind a veth pair with the
 *   kernel's netem qdisc, for kernel TCP (which no user-space proxy can make
 *   lose a segment). Needs root and sch_netem: ask checkNetem() first.
 *
 *   const proxy = await LossyUdpProxy.start({ target, toTarget: { loss: 0.1, delayMs: 5 }, seed: 1 });
 *   const check = await checkNetem();
 *   if (check.available) { const ns = await createImpairedNamespace({ toHost: { loss: 0.02, delayMs: 20 } }); ... await ns.close(); }
 */
export { NetemError, type NetemErrorCode } from './errors.ts';
export { type Impairment, type ResolvedImpairment, NO_IMPAIRMENT, describeImpairment, isTransparent, resolveImpairment } from './impairment.ts';
export { ImpairedPath, type ImpairedPathOptions, type PathCounters, sumCounters } from './impaired-path.ts';
export { LossyUdpProxy, type LossyUdpProxyOptions, type LossyUdpProxyStats, type ProxyDirection, type UdpEndpoint } from './lossy-udp-proxy.ts';
export {
  type ImpairedNamespace,
  type NamespaceOptions,
  type NetemCheck,
  checkNetem,
  createImpairedNamespace,
  liveNamespaces,
  netemArguments,
} from './network-namespace.ts';
