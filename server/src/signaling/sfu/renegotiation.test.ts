/** One offer out at a time per subscriber, changes coalesced (renegotiation.ts), on a hand-driven scheduler. */
import { describe, expect, it } from 'vitest';
import { Renegotiation } from './renegotiation.ts';

function setup(offerResult = true) {
  const scheduled: (() => void)[] = [];
  let offers = 0;
  const renegotiation = new Renegotiation({
    offer: () => {
      offers++;
      return offerResult;
    },
    schedule: (flush) => scheduled.push(flush),
  });
  const runScheduled = () => {
    for (const flush of scheduled.splice(0)) flush();
  };
  return { renegotiation, runScheduled, offers: () => offers, scheduled };
}

describe('Renegotiation', () => {
  it('coalesces the changes of one turn into one offer', () => {
    const { renegotiation, runScheduled, offers, scheduled } = setup();
    renegotiation.needed();
    renegotiation.needed();
    renegotiation.needed();
    expect(scheduled).toHaveLength(1);
    expect(offers()).toBe(0);
    runScheduled();
    expect(offers()).toBe(1);
    expect(renegotiation.awaitingAnswer).toBe(true);
  });

  it('holds changes while an offer is out, and sends them in one offer after the answer', () => {
    const { renegotiation, runScheduled, offers, scheduled } = setup();
    renegotiation.needed();
    runScheduled();
    renegotiation.needed();
    renegotiation.needed();
    runScheduled();
    expect(scheduled).toHaveLength(0);
    expect(offers()).toBe(1);
    renegotiation.answered();
    expect(offers()).toBe(1);
    runScheduled();
    expect(offers()).toBe(2);
    // No change since: the next answer sends nothing.
    renegotiation.answered();
    runScheduled();
    expect(offers()).toBe(2);
    expect(renegotiation.awaitingAnswer).toBe(false);
  });

  it('an offer with nothing to say leaves nothing to wait for', () => {
    const { renegotiation, runScheduled, offers } = setup(false);
    renegotiation.needed();
    runScheduled();
    expect(offers()).toBe(1);
    expect(renegotiation.awaitingAnswer).toBe(false);
    renegotiation.needed();
    runScheduled();
    expect(offers()).toBe(2);
  });

  it('sends nothing once closed, even what was already scheduled', () => {
    const { renegotiation, runScheduled, offers } = setup();
    renegotiation.needed();
    renegotiation.close();
    runScheduled();
    renegotiation.needed();
    runScheduled();
    expect(offers()).toBe(0);
  });
});
