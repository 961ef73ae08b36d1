/**
 * The extension point (extension.ts) over real loopback WebSockets: extension
 * methods for joined peers only, asynchronous answers still in request
 * order, typed refusals, bugs answered INTERNAL_ERROR, join data, and the
 * join/leave hooks — with mesh methods untouched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalingClient } from './client.ts';
import { SignalingError } from './errors.ts';
import type { ExtensionMethod, SignalingExtension } from './extension.ts';
import type { SignalingServer } from './server.ts';
import { codeOf, delay, listenSignaling } from './test-support.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(extension: SignalingExtension): Promise<{ signaling: SignalingServer; errors: unknown[]; client(): Promise<SignalingClient> }> {
  const listening = await listenSignaling({ extension });
  cleanups.push(() => listening.close());
  const errors: unknown[] = [];
  listening.signaling.on('error', (error) => errors.push(error));
  return {
    signaling: listening.signaling,
    errors,
    async client() {
      const client = await listening.client();
      cleanups.push(() => client.close());
      return client;
    },
  };
}

/** An extension recording its hooks, with the methods given. */
function recordingExtension(methods: Record<string, ExtensionMethod>): SignalingExtension & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    methods: new Map(Object.entries(methods)),
    joinData: { mode: 'test', peerId: 'must not win' },
    peerJoined: (room, member) => log.push(`joined ${room} ${member.peer.name}`),
    peerLeft: (room, peer, reason) => log.push(`left ${room} ${peer.name} ${reason}`),
  };
}

describe('SignalingExtension', () => {
  it('answers extension methods for joined peers, in request order even when an earlier answer is slow', async () => {
    const extension = recordingExtension({
      slow: async ({ data }) => {
        await delay(50);
        return { echo: data['n'] };
      },
      fast: ({ data, peer, room }) => ({ echo: data['n'], who: peer.name, room }),
    });
    const test = await start(extension);
    const alice = await test.client();
    expect(await codeOf(alice.request('fast', {}))).toBe('NOT_JOINED');
    const joined = await alice.request('join', { room: 'r', name: 'alice' });
    expect(joined).toEqual({ mode: 'test', peerId: expect.not.stringMatching('must not win'), peers: [] });
    expect(extension.log).toEqual(['joined r alice']);

    const order: string[] = [];
    const answers = await Promise.all([
      alice.request('slow', { n: 1 }).then((data) => (order.push('slow'), data)),
      alice.request('fast', { n: 2 }).then((data) => (order.push('fast'), data)),
      alice.request('leave', {}).then((data) => (order.push('leave'), data)),
    ]);
    expect(order).toEqual(['slow', 'fast', 'leave']);
    expect(answers).toEqual([{ echo: 1 }, { echo: 2, who: 'alice', room: 'r' }, {}]);
    expect(extension.log).toEqual(['joined r alice', 'left r alice leave']);
    expect(await codeOf(alice.request('fast', {}))).toBe('NOT_JOINED');
  });

  it('a typed refusal keeps its code; a bug is INTERNAL_ERROR, reported, and the connection serves on', async () => {
    const extension = recordingExtension({
      refuse: async () => {
        throw new SignalingError('INVALID_STATE', 'not now');
      },
      refuseNow: () => {
        throw new SignalingError('BAD_SDP', 'no');
      },
      bug: async () => {
        throw new TypeError('a bug');
      },
      ok: () => ({}),
    });
    const test = await start(extension);
    const alice = await test.client();
    await alice.request('join', { room: 'r' });
    expect(await codeOf(alice.request('refuse', {}))).toBe('INVALID_STATE');
    expect(await codeOf(alice.request('refuseNow', {}))).toBe('BAD_SDP');
    expect(await codeOf(alice.request('bug', {}))).toBe('INTERNAL_ERROR');
    expect(test.errors).toEqual([new TypeError('a bug')]);
    expect(await codeOf(alice.request('ok', {}))).toBe('OK');
    expect(await codeOf(alice.request('nonsense', {}))).toBe('UNKNOWN_METHOD');
  });

  it('mesh methods cannot be replaced; a disconnect is a leave for the extension too; hook bugs are reported', async () => {
    const extension = recordingExtension({ relay: () => ({ hijacked: true }) });
    extension.peerJoined = (room, member) => {
      extension.log.push(`joined ${room} ${member.peer.name}`);
      throw new RangeError('hook bug');
    };
    const test = await start(extension);
    const [alice, bob] = await Promise.all([test.client(), test.client()]);
    const a = await alice.request('join', { room: 'r', name: 'alice' });
    await bob.request('join', { room: 'r', name: 'bob' });
    expect(test.errors).toEqual([new RangeError('hook bug'), new RangeError('hook bug')]);
    expect(await bob.request('relay', { to: a.peerId, payload: {} })).toEqual({});
    const left = bob.next('peerLeft');
    alice.close();
    await left;
    expect(extension.log).toEqual(['joined r alice', 'joined r bob', 'left r alice disconnect']);
  });

  it('requests still waiting when the connection closes are not run', async () => {
    let release: () => void = () => {};
    const extension = recordingExtension({
      hold: () =>
        new Promise((resolve) => {
          release = () => resolve({});
        }),
    });
    const test = await start(extension);
    const alice = await test.client();
    await alice.request('join', { room: 'r', name: 'alice' });
    void alice.request('hold', {}).catch(() => {});
    void alice.request('leave', {}).catch(() => {});
    void alice.request('join', { room: 'again', name: 'alice' }).catch(() => {});
    await delay(20);
    alice.close();
    await delay(20);
    release();
    await delay(20);
    // The queued leave and join never ran: one leave, by disconnect, and no room 'again'.
    expect(extension.log).toEqual(['joined r alice', 'left r alice disconnect']);
    expect(test.signaling.rooms()).toEqual([]);
  });
});
