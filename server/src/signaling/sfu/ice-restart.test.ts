/**
 * ICE restart in SFU mode (PROTOCOL.md, "ICE restart"), on a FakeMediaWorker:
 * the send connection restarts with a publish offer carrying new ICE
 * credentials, the receive connection with `restartIce { direction: 'recv' }`
 * and the SFU's next offer. The media plane's request log shows which
 * transport restarted; producers and m-lines stay as they were.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getMid, parseSessionDescription, serializeSessionDescription } from '../../sdp/index.ts';
import type { PublishResponse } from '../messages.ts';
import { codeOf, delay } from '../test-support.ts';
import { type SfuHarness, type SfuTestClient, chromiumOffer, startSfuSignaling } from './test-support.ts';

const harnesses: SfuHarness[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
});

async function joined(test: SfuHarness, name: string): Promise<SfuTestClient> {
  const client = await test.client();
  expect((await client.signaling.request('join', { room: 'demo', name })).mode).toBe('sfu');
  return client;
}

function publish(client: SfuTestClient, sdp = chromiumOffer()): Promise<PublishResponse> {
  return client.signaling.request('publish', { sdp });
}

/** The Chromium offer as after `pc.restartIce()`: new ufrag and password in every m-line, all else the same. */
function withIceCredentials(sdp: string, usernameFragment: string, password: string): string {
  const description = parseSessionDescription(sdp);
  for (const section of [description, ...description.media]) {
    for (const attribute of section.attributes) {
      if (attribute.name === 'ice-ufrag') attribute.value = usernameFragment;
      if (attribute.name === 'ice-pwd') attribute.value = password;
    }
  }
  return serializeSessionDescription(description);
}

/** The ICE credentials of each m-line that has them. */
function iceCredentials(sdp: string): string[] {
  return parseSessionDescription(sdp).media.flatMap((media) => {
    const ufrag = media.attributes.find(({ name }) => name === 'ice-ufrag')?.value;
    const pwd = media.attributes.find(({ name }) => name === 'ice-pwd')?.value;
    return ufrag === undefined ? [] : [`${ufrag}:${pwd}`];
  });
}

function handlersOf(test: SfuHarness, method: string): string[] {
  return test.media.requestLog.filter((request) => request.method === method).map((request) => request.handlerId);
}

describe('SFU mode: ICE restart', () => {
  it('a publish with new ICE credentials restarts the send transport; the answer has its new ones; producers stay', async () => {
    const test = await start();
    const alice = await joined(test, 'alice');
    const bob = await joined(test, 'bob');
    const first = await publish(alice);
    await bob.offer(1);
    await bob.answerLatest();
    const before = iceCredentials(first.sdp);
    expect(new Set(before).size).toBe(1);

    const restarted = await publish(alice, withIceCredentials(chromiumOffer(), 'rstr', 'restartedPassword0123456'));
    const sendTransport = handlersOf(test, 'transport.produce')[0]!;
    expect(handlersOf(test, 'transport.restartIce')).toEqual([sendTransport]);
    const after = iceCredentials(restarted.sdp);
    expect(new Set(after).size).toBe(1);
    expect(after[0]).not.toBe(before[0]);
    const [ufrag, pwd] = after[0]!.split(':');
    expect(ufrag).not.toBe(before[0]!.split(':')[0]);
    expect(pwd).not.toBe(before[0]!.split(':')[1]);
    // Same producers, none closed or made; the subscriber has nothing to renegotiate.
    expect(restarted.producers).toEqual(first.producers);
    expect(handlersOf(test, 'producer.close')).toEqual([]);
    expect(handlersOf(test, 'transport.produce')).toHaveLength(first.producers.length);
    await delay(50);
    expect(bob.offers).toHaveLength(1);
    // Restarting is once per change: publishing the same credentials again restarts nothing.
    const again = await publish(alice, withIceCredentials(chromiumOffer(), 'rstr', 'restartedPassword0123456'));
    expect(handlersOf(test, 'transport.restartIce')).toHaveLength(1);
    expect(iceCredentials(again.sdp)).toEqual(after);
    expect(test.errors).toEqual([]);
  });

  it('a publish with unchanged ICE credentials does not restart ICE', async () => {
    const test = await start();
    const alice = await joined(test, 'alice');
    const first = await publish(alice);
    const second = await publish(alice);
    expect(handlersOf(test, 'transport.restartIce')).toEqual([]);
    expect(iceCredentials(second.sdp)).toEqual(iceCredentials(first.sdp));
    expect(second.producers).toEqual(first.producers);
  });

  it('an offer refused as BAD_SDP restarts nothing', async () => {
    const test = await start();
    const alice = await joined(test, 'alice');
    await publish(alice);
    const broken = withIceCredentials(chromiumOffer(), 'rstr', 'restartedPassword0123456').replace(/a=setup:actpass/g, 'a=setup:holdconn');
    expect(await codeOf(publish(alice, broken))).toBe('BAD_SDP');
    expect(handlersOf(test, 'transport.restartIce')).toEqual([]);
  });

  it("restartIce { direction: 'recv' } restarts the receive transport; the next offer has new credentials, the same mids and consumers", async () => {
    const test = await start();
    const alice = await joined(test, 'alice');
    const bob = await joined(test, 'bob');
    await publish(alice);
    const first = await bob.offer(1);

    // Asked while the first offer is still out: the restart waits its turn (one offer at a time).
    expect(await bob.signaling.request('restartIce', { direction: 'recv' })).toEqual({});
    const recvTransport = handlersOf(test, 'transport.consume')[0]!;
    expect(handlersOf(test, 'transport.restartIce')).toEqual([recvTransport]);
    await delay(50);
    expect(bob.offers).toHaveLength(1);
    await bob.answerLatest();

    const second = await bob.offer(2);
    const [before, after] = [iceCredentials(first.sdp), iceCredentials(second.sdp)];
    expect(new Set(after).size).toBe(1);
    expect(after[0]!.split(':')[0]).not.toBe(before[0]!.split(':')[0]);
    expect(after[0]!.split(':')[1]).not.toBe(before[0]!.split(':')[1]);
    expect(parseSessionDescription(second.sdp).media.map((media) => getMid(media))).toEqual(parseSessionDescription(first.sdp).media.map((media) => getMid(media)));
    expect(second.consumers).toEqual(first.consumers);
    await bob.answerLatest();
    // The transport stays connected from the first answer: no second connect.
    expect(handlersOf(test, 'transport.connect').filter((id) => id === recvTransport)).toHaveLength(1);
    expect(test.errors).toEqual([]);
  });

  it('restartIce without a receive direction is BAD_REQUEST, and restarts nothing', async () => {
    const test = await start();
    const alice = await joined(test, 'alice');
    expect(await codeOf(alice.signaling.request('restartIce', { direction: 'send' } as never))).toBe('BAD_REQUEST');
    expect(await codeOf(alice.signaling.request('restartIce', {} as never))).toBe('BAD_REQUEST');
    expect(handlersOf(test, 'transport.restartIce')).toEqual([]);
  });
});

async function start(): Promise<SfuHarness> {
  const harness = await startSfuSignaling();
  harnesses.push(harness);
  return harness;
}
