/**
 * `checks`: two full ICE agents in one process, on loopback. L and R each bind
 * a few host candidates on different 127.0.0.x addresses, swap what their SDP
 * would carry (ufrag, password, candidates), form their checklists with the
 * reference formPairs/initialStates, and run real STUN checks until a pair is
 * nominated. Every state change is printed as it happens.
 */
import { performance } from 'node:perf_hooks';
import chalk from 'chalk';
import { type PairState, pairFoundation } from '#solutions/10-ice/checklist.ts';
import { type AgentOptions, type HostSpec, IceAgent } from './agent.ts';
import type { Entry } from './scheduler.ts';

export interface ChecksOptions {
  readonly taMs: number;
  readonly rtoMs: number;
  readonly maxTransmissions: number;
  readonly timeoutMs: number;
  /** Start both agents controlling, to see a role conflict repaired. */
  readonly bothControlling: boolean;
  /** Let R's first candidate answer too, instead of dropping what it receives. */
  readonly allReachable: boolean;
}

const STATE_COLOR: Readonly<Record<PairState, (text: string) => string>> = {
  Frozen: chalk.blue,
  Waiting: chalk.yellow,
  'In-Progress': chalk.cyan,
  Succeeded: chalk.green,
  Failed: chalk.red,
};
const paintState = (state: PairState, width = 0): string => STATE_COLOR[state](state.padEnd(width));
const paintAgent = (name: string): string => (name === 'L' ? chalk.magenta.bold(name) : chalk.blue.bold(name));
const PAIR_WIDTH = 40;

function printAgent(agent: IceAgent, firewalled: ReadonlySet<string>): void {
  const tieBreaker = agent.tieBreaker.toString(16).padStart(16, '0');
  console.log(`${paintAgent(agent.name)}  ${agent.role}, ufrag ${agent.ufrag}, password ${agent.pwd}, tie-breaker 0x${tieBreaker}`);
  for (const { address, port, priority, foundation } of agent.candidates) {
    const note = firewalled.has(`${address}:${port}`) ? chalk.red('  drops everything it receives (a firewalled interface)') : '';
    console.log(`   a=candidate:${foundation} 1 udp ${priority} ${address} ${port} typ host${note}`);
  }
}

function printChecklist(agent: IceAgent): void {
  console.log(`\n${paintAgent(agent.name)}'s checklist (${agent.role}), from the reference formPairs + initialStates:`);
  console.log(chalk.dim(`   ${'pair (local -> remote)'.padEnd(PAIR_WIDTH)}  ${'pair priority'.padEnd(20)}  ${'foundation'.padEnd(21)}  state`));
  for (const entry of agent.entries) {
    console.log(`   ${entry.id.padEnd(PAIR_WIDTH)}  ${String(entry.pair.priority).padEnd(20)}  ${pairFoundation(entry.pair).padEnd(21)}  ${paintState(entry.state)}`);
  }
}

function describeEnd(entry: Entry): string {
  if (entry.nominated) return chalk.green.bold('nominated');
  if (entry.state === 'Frozen' || entry.state === 'Waiting') return chalk.dim('never checked: dropped at nomination');
  if (entry.state === 'In-Progress') return chalk.dim('check cancelled at nomination');
  return '';
}

function printOutcome(agents: readonly IceAgent[]): void {
  for (const agent of agents) {
    console.log(`\n${paintAgent(agent.name)} (${agent.role}), final states:`);
    for (const entry of agent.entries) console.log(`   ${entry.id.padEnd(PAIR_WIDTH)}  ${paintState(entry.state, 12)} ${describeEnd(entry)}`);
    for (const { candidate, dropped } of agent.dropped) {
      console.log(chalk.dim(`   ${candidate.address}:${candidate.port} dropped ${dropped} datagram(s) that reached it`));
    }
  }
}

function hostsOf(options: ChecksOptions): { left: HostSpec[]; right: HostSpec[] } {
  return {
    // Two interfaces: the local preference ranks them (RFC 8445 §5.1.2.1).
    left: [
      { address: '127.0.0.1', localPreference: 65535 },
      { address: '127.0.0.2', localPreference: 65534 },
    ],
    // The best-ranked interface is firewalled; the other two candidates share a base
    // address, so they share a foundation (§5.1.1.3), and one of their pairs starts Frozen.
    right: [
      { address: '127.0.0.3', localPreference: 65535, dropInbound: !options.allReachable },
      { address: '127.0.0.1', localPreference: 65534 },
      { address: '127.0.0.1', localPreference: 65533 },
    ],
  };
}

/** Runs the two agents; resolves true when both have nominated the same pair within the timeout. */
export async function runChecks(options: ChecksOptions): Promise<boolean> {
  const started = performance.now();
  const stamp = (): string => chalk.dim(`+${Math.round(performance.now() - started)} ms`.padStart(9));
  const shared: Omit<AgentOptions, 'name' | 'role' | 'hosts'> = {
    taMs: options.taMs,
    rtoMs: options.rtoMs,
    maxTransmissions: options.maxTransmissions,
    log: (agent, message) => console.log(`${stamp()}  ${paintAgent(agent)}  ${message}`),
    onTransition: (agent, entry, from, to, why) =>
      console.log(`${stamp()}  ${paintAgent(agent)}  ${entry.id.padEnd(PAIR_WIDTH)}  ${paintState(from)} -> ${paintState(to)}  ${chalk.dim(why)}`),
  };
  const hosts = hostsOf(options);
  const left = await IceAgent.create({ ...shared, name: 'L', role: 'controlling', hosts: hosts.left });
  let right: IceAgent;
  try {
    right = await IceAgent.create({ ...shared, name: 'R', role: options.bothControlling ? 'controlling' : 'controlled', hosts: hosts.right });
  } catch (error) {
    left.close();
    throw error;
  }
  const agents = [left, right];
  const firewalled = new Set(right.dropped.map(({ candidate }) => `${candidate.address}:${candidate.port}`));

  console.log(chalk.bold(`ICE checks between two agents on loopback: Ta ${options.taMs} ms, RTO ${options.rtoMs} ms, ${options.maxTransmissions} transmissions\n`));
  agents.forEach((agent) => printAgent(agent, firewalled));
  // The offer/answer exchange, without the SDP: each learns the other's ufrag, password and candidates.
  left.start({ ufrag: right.ufrag, pwd: right.pwd, candidates: right.candidates });
  right.start({ ufrag: left.ufrag, pwd: left.pwd, candidates: left.candidates });
  agents.forEach(printChecklist);
  console.log('');

  let deadline: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    deadline = setTimeout(() => resolve(undefined), options.timeoutMs);
  });
  const selected = await Promise.race([Promise.all([left.completed, right.completed]), timedOut]);
  clearTimeout(deadline);
  printOutcome(agents);
  agents.forEach((agent) => agent.close());

  if (selected === undefined) {
    console.log(chalk.red(`\nno pair nominated within ${options.timeoutMs} ms`));
    return false;
  }
  const [ours, theirs] = selected;
  const mirrored = ours.pair.local.port === theirs.pair.remote.port && ours.pair.remote.port === theirs.pair.local.port;
  console.log(`\n${chalk.bold('Selected pair')}: L ${ours.id}, R ${theirs.id}` + (mirrored ? chalk.green('  (the same pair, seen from each end)') : chalk.red('  (NOT the same pair)')));
  return mirrored;
}
