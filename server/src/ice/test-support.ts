/**
 * Helpers for the ICE-lite tests: tuples, Binding requests built with the STUN
 * package's own builder (tested against RFC 5769 and Chromium), and an agent
 * on a ManualClock. Test code only; nothing in the package imports it.
 */
import {
  type StunAttribute,
  type StunMessage,
  bindingRequest,
  findAttribute,
  parseStunMessage,
  serializeStunMessage,
  shortTermKey,
} from '../stun/index.ts';
import { ManualClock, TimerQueue } from '../timers/index.ts';
import type { IceParameters, RemoteIceParameters } from './ice-parameters.ts';
import { IceLiteAgent, type IceLiteAgentOptions } from './lite-agent.ts';
import type { TransportTuple } from './transport-tuple.ts';

export const LOCAL: IceParameters = { usernameFragment: 'sfuLocalUfrag001', password: 'sfuLocalPassword0123456789abcdef' };
export const REMOTE: RemoteIceParameters = { usernameFragment: 'Brws', password: 'BrowserPassword0123456789' };

/** A peer at 192.0.2.x:port, reaching our socket at 198.51.100.1:40000 (documentation addresses, RFC 5737). */
export function tupleOf(remotePort: number, remoteAddress = '192.0.2.10'): TransportTuple {
  return { protocol: 'udp', family: 'IPv4', localAddress: '198.51.100.1', localPort: 40000, remoteAddress, remotePort };
}

export interface CheckFields {
  readonly local?: IceParameters;
  readonly remoteUfrag?: string;
  /** Overrides `<local ufrag>:<remote ufrag>`; null leaves USERNAME out. */
  readonly username?: string | null;
  /** Sign with this password instead of local.password; null leaves MESSAGE-INTEGRITY out. */
  readonly password?: string | null;
  readonly sha256?: boolean;
  readonly fingerprint?: boolean;
  readonly role?: 'controlling' | 'controlled' | 'none';
  readonly useCandidate?: boolean;
  readonly priority?: number | null;
  readonly extra?: readonly StunAttribute[];
}

/** A connectivity check as a browser sends it (RFC 8445 §7.2.2), with every part adjustable. */
export function check(fields: CheckFields = {}): Uint8Array {
  const local = fields.local ?? LOCAL;
  const base = bindingRequest({
    username: 'x',
    priority: 1853824767,
    role: fields.role === 'controlled' ? 'controlled' : 'controlling',
    tieBreaker: 0x0123456789abcdefn,
    useCandidate: fields.useCandidate === true,
  });
  const username = fields.username === undefined ? `${local.usernameFragment}:${fields.remoteUfrag ?? REMOTE.usernameFragment}` : fields.username;
  const attributes = base.attributes.flatMap((attribute): StunAttribute[] => {
    if (attribute.kind === 'USERNAME') return username === null ? [] : [{ kind: 'USERNAME', value: username }];
    if (attribute.kind === 'PRIORITY') return fields.priority === null ? [] : [{ kind: 'PRIORITY', value: fields.priority ?? attribute.value }];
    if (attribute.kind === 'ICE-CONTROLLING' || attribute.kind === 'ICE-CONTROLLED') return fields.role === 'none' ? [] : [attribute];
    return [attribute];
  });
  const password = fields.password === undefined ? local.password : fields.password;
  const key = password === null ? undefined : shortTermKey(password);
  const message: StunMessage = { ...base, attributes: [...attributes, ...(fields.extra ?? [])] };
  return serializeStunMessage(message, {
    ...(key !== undefined && fields.sha256 !== true ? { integrityKey: key } : {}),
    ...(key !== undefined && fields.sha256 === true ? { integritySha256: { key } } : {}),
    fingerprint: fields.fingerprint !== false,
  });
}

/** The ERROR-CODE of a response, or 'success'. */
export function responseCode(response: Uint8Array | undefined): number | 'success' | undefined {
  if (response === undefined) return undefined;
  const message = parseStunMessage(response);
  return message.messageClass === 'success-response' ? 'success' : findAttribute(message, 'ERROR-CODE')?.code;
}

export interface TestAgent {
  readonly agent: IceLiteAgent;
  readonly clock: ManualClock;
  readonly timers: TimerQueue;
  /** Every event, in order, as `name` or `name:detail`. */
  readonly events: string[];
}

/** An agent with LOCAL and REMOTE credentials on a ManualClock, recording its events. */
export function testAgent(options: Partial<IceLiteAgentOptions> = {}): TestAgent {
  const clock = new ManualClock();
  const timers = new TimerQueue({ clock });
  const agent = new IceLiteAgent({ timers, clock, localParameters: LOCAL, remoteParameters: REMOTE, ...options });
  const events: string[] = [];
  const port = (tuple: TransportTuple | undefined) => (tuple === undefined ? 'none' : String(tuple.remotePort));
  agent.on('statechange', (state) => events.push(`state:${state}`));
  agent.on('selectedtuplechange', (tuple) => events.push(`selected:${port(tuple)}`));
  agent.on('tupleadd', (tuple) => events.push(`add:${port(tuple)}`));
  agent.on('tupleremove', (tuple) => events.push(`remove:${port(tuple)}`));
  agent.on('ufragretire', (ufrag) => events.push(`retire:${ufrag}`));
  return { agent, clock, timers, events };
}
