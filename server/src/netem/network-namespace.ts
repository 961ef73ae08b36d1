/**
 * A bad network for real kernel sockets: a network namespace joined to this
 * one by a veth pair, with the kernel's netem qdisc on each end. Kernel TCP
 * cannot be put through a user-space proxy that drops datagrams (there are no
 * datagrams to drop in a byte stream), but it can be put through netem, which
 * drops, delays and duplicates the IP packets TCP sends, as a real link would.
 *
 *   this namespace                         namespace `name`
 *   hostAddress/30 ── hostInterface ═══ namespaceInterface ── namespaceAddress/30
 *                  netem (toNamespace)   netem (toHost)
 *
 * A process is put inside with `ip netns exec <name> ...` (see command()).
 * Needs root (CAP_NET_ADMIN), iproute2, and a kernel with sch_netem; check
 * with checkNetem() first, and always close(): a namespace outlives the
 * process that made it. As a last resort, every namespace still open when the
 * process exits is deleted by an 'exit' listener.
 */
import { execFile, execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import { NetemError } from './errors.ts';
import { type Impairment, type ResolvedImpairment, isTransparent, resolveImpairment } from './impairment.ts';

const run = promisify(execFile);

export interface NamespaceOptions {
  /** netem on the host end: what packets going into the namespace go through. */
  readonly toNamespace?: Impairment;
  /** netem on the namespace end: packets coming out of it. */
  readonly toHost?: Impairment;
}

export type NetemCheck = { readonly available: true } | { readonly available: false; readonly code: 'NOT_ROOT' | 'TOOL_MISSING' | 'NETEM_UNAVAILABLE'; readonly reason: string };

export interface ImpairedNamespace {
  readonly name: string;
  readonly hostInterface: string;
  readonly namespaceInterface: string;
  /** This side's address on the veth link, reachable from inside the namespace. */
  readonly hostAddress: string;
  /** The namespace's address, reachable from here. */
  readonly namespaceAddress: string;
  /** The netem qdisc arguments applied to each end (empty: none). */
  readonly qdiscs: { readonly toNamespace: readonly string[]; readonly toHost: readonly string[] };
  /** [file, args] that run `argv` inside the namespace: pass them to spawn(). */
  command(argv: readonly string[]): [string, string[]];
  /** Deletes the namespace (and with it the veth pair). Safe to call twice. */
  close(): Promise<void>;
}

const live = new Set<string>();
let exitHookInstalled = false;
let created = 0;

/** Whether createImpairedNamespace() can apply netem here, and why not. Creates and deletes a scratch namespace. */
export async function checkNetem(): Promise<NetemCheck> {
  if (process.getuid?.() !== 0) {
    return { available: false, code: 'NOT_ROOT', reason: 'network namespaces and qdiscs need root (CAP_NET_ADMIN)' };
  }
  for (const tool of ['ip', 'tc']) {
    try {
      await run(tool, ['-V']);
    } catch {
      return { available: false, code: 'TOOL_MISSING', reason: `\`${tool}\` not found: install iproute2` };
    }
  }
  const name = `netem-probe-${process.pid}-${created++}`;
  try {
    await ip(['netns', 'add', name]);
    await ip(['netns', 'exec', name, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
    return { available: true };
  } catch (error) {
    const detail = error instanceof NetemError ? error.message : String(error);
    return { available: false, code: 'NETEM_UNAVAILABLE', reason: `this kernel has no netem qdisc (sch_netem): ${detail}` };
  } finally {
    await deleteNamespace(name);
  }
}

/**
 * Creates the namespace, the veth pair, the addresses and the qdiscs. A
 * transparent impairment adds no qdisc, so a link without loss or delay works
 * even where netem does not. On any failure, whatever was made is deleted.
 */
export async function createImpairedNamespace(options: NamespaceOptions = {}): Promise<ImpairedNamespace> {
  if (process.getuid?.() !== 0) throw new NetemError('NOT_ROOT', 'netem: network namespaces need root (CAP_NET_ADMIN)');
  const toNamespace = netemArguments(resolveImpairment(options.toNamespace));
  const toHost = netemArguments(resolveImpairment(options.toHost));
  const serial = created++;
  const tag = `${process.pid.toString(36)}${serial.toString(36)}`.slice(-9);
  const name = `netem-${process.pid}-${serial}`;
  const hostInterface = `nh${tag}`;
  const namespaceInterface = `nn${tag}`;
  const [hostAddress, namespaceAddress] = freeLinkAddresses(process.pid * 16 + serial);
  installExitHook();
  live.add(name);
  try {
    await ip(['netns', 'add', name]);
    await ip(['link', 'add', hostInterface, 'type', 'veth', 'peer', 'name', namespaceInterface, 'netns', name]);
    await ip(['addr', 'add', `${hostAddress}/30`, 'dev', hostInterface]);
    await ip(['link', 'set', hostInterface, 'up']);
    await ip(['-n', name, 'addr', 'add', `${namespaceAddress}/30`, 'dev', namespaceInterface]);
    await ip(['-n', name, 'link', 'set', namespaceInterface, 'up']);
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
    if (toNamespace.length > 0) await tc(['qdisc', 'add', 'dev', hostInterface, 'root', ...toNamespace]);
    if (toHost.length > 0) await ip(['netns', 'exec', name, 'tc', 'qdisc', 'add', 'dev', namespaceInterface, 'root', ...toHost]);
  } catch (error) {
    await deleteNamespace(name, hostInterface);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    name,
    hostInterface,
    namespaceInterface,
    hostAddress,
    namespaceAddress,
    qdiscs: { toNamespace, toHost },
    command: (argv) => ['ip', ['netns', 'exec', name, ...argv]],
    close: () => (closing ??= deleteNamespace(name, hostInterface)),
  };
}

/** `tc qdisc ... root <these>` for an impairment; empty when it changes nothing. */
export function netemArguments(impairment: ResolvedImpairment): string[] {
  if (isTransparent(impairment)) return [];
  const percent = (p: number): string => `${+(p * 100).toFixed(4)}%`;
  const args = ['netem'];
  // netem's reorder needs a delay: the reordered packets are the ones sent at once, ahead of the delayed rest.
  const delayMs = impairment.reorder > 0 ? Math.max(impairment.delayMs, 1) : impairment.delayMs;
  if (delayMs > 0 || impairment.jitterMs > 0) {
    args.push('delay', `${delayMs}ms`);
    if (impairment.jitterMs > 0) args.push(`${impairment.jitterMs}ms`);
  }
  if (impairment.loss > 0) args.push('loss', percent(impairment.loss));
  if (impairment.duplicate > 0) args.push('duplicate', percent(impairment.duplicate));
  if (impairment.reorder > 0) args.push('reorder', percent(impairment.reorder));
  // Without a limit netem queues 1000 packets: enough for the labs' rates.
  return args;
}

/** Names of namespaces this process created and has not deleted yet. */
export function liveNamespaces(): string[] {
  return [...live];
}

async function ip(args: string[]): Promise<void> {
  await command('ip', args);
}

async function tc(args: string[]): Promise<void> {
  await command('tc', args);
}

async function command(file: string, args: string[]): Promise<void> {
  try {
    await run(file, args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new NetemError('TOOL_MISSING', `netem: \`${file}\` not found: install iproute2`, { cause: error });
    }
    throw new NetemError('COMMAND_FAILED', `netem: ${file} ${args.join(' ')}: ${stderr || String(error)}`, { cause: error });
  }
}

async function deleteNamespace(name: string, hostInterface?: string): Promise<void> {
  // Deleting the namespace destroys its end of the veth pair, and with it the host end.
  await run('ip', ['netns', 'del', name]).catch(() => {});
  if (hostInterface !== undefined) await run('ip', ['link', 'del', hostInterface]).catch(() => {});
  live.delete(name);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const name of live) {
      try {
        execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
      } catch {
        // Already gone.
      }
    }
  });
}

/**
 * Two addresses of a /30 in 10.213.0.0/16, picked from `hint` and skipping
 * any /30 an interface here already uses (another run's namespace).
 */
function freeLinkAddresses(hint: number): [string, string] {
  const used = new Set(
    Object.values(networkInterfaces())
      .flat()
      .map((info) => info?.address ?? ''),
  );
  for (let attempt = 0; attempt < 16_384; attempt++) {
    const block = (hint + attempt) % 16_384;
    const third = block >> 6;
    const fourth = (block & 63) * 4;
    const network = `10.213.${third}.`;
    const members = [0, 1, 2, 3].map((offset) => `${network}${fourth + offset}`);
    if (members.some((address) => used.has(address))) continue;
    return [members[1]!, members[2]!];
  }
  throw new NetemError('COMMAND_FAILED', 'netem: no free /30 left in 10.213.0.0/16');
}
