/** The anti-replay window (RFC 6347 §4.1.2.6). */
import { describe, expect, it } from 'vitest';
import { ReplayWindow } from './replay-window.ts';

/** Each step: a sequence number, whether isFresh says yes, then accept() if it does. */
const STEPS: readonly { seq: number; fresh: boolean; note: string }[] = [
  { seq: 0, fresh: true, note: 'the first record' },
  { seq: 0, fresh: false, note: 'a duplicate' },
  { seq: 5, fresh: true, note: 'a jump ahead' },
  { seq: 3, fresh: true, note: 'late, inside the window' },
  { seq: 3, fresh: false, note: 'its duplicate' },
  { seq: 4, fresh: true, note: 'another late one' },
  { seq: 68, fresh: true, note: 'slides the window to 5..68' },
  { seq: 4, fresh: false, note: 'now left of the window (68 - 4 = 64)' },
  { seq: 5, fresh: false, note: 'the left edge, already seen' },
  { seq: 6, fresh: true, note: 'inside, never seen' },
  { seq: 68, fresh: false, note: 'the right edge again' },
  { seq: 1000, fresh: true, note: 'a jump past the whole window clears it' },
  { seq: 937, fresh: true, note: 'inside the new window (1000 - 63)' },
  { seq: 936, fresh: false, note: 'just left of it' },
  { seq: 2 ** 48 - 1, fresh: true, note: 'the largest 48-bit sequence number' },
];

describe('ReplayWindow (64 bits, the RFC 6347 default)', () => {
  it('accepts and rejects a walk through the window as the table says', () => {
    const window = new ReplayWindow();
    const got = STEPS.map(({ seq, note }) => {
      const fresh = window.isFresh(seq);
      if (fresh) window.accept(seq);
      return { seq, fresh, note };
    });
    expect(got).toEqual(STEPS);
    expect(window.highest).toBe(2 ** 48 - 1);
  });

  it('only accept() moves the window: a record that failed authentication leaves it unchanged', () => {
    const window = new ReplayWindow();
    window.accept(10);
    expect(window.isFresh(100)).toBe(true);
    expect(window.isFresh(100)).toBe(true);
    expect(window.highest).toBe(10);
  });

  it('tracks every bit of the window independently', () => {
    const window = new ReplayWindow(128);
    window.accept(200);
    for (let seq = 73; seq < 200; seq += 2) window.accept(seq);
    for (let seq = 73; seq < 200; seq++) expect(window.isFresh(seq), `seq ${seq}`).toBe(seq % 2 === 0);
    expect(window.isFresh(72)).toBe(false);
  });

  it.each([-1, 1.5, 2 ** 48, Number.NaN])('treats %s as never fresh', (seq) => {
    expect(new ReplayWindow().isFresh(seq)).toBe(false);
  });

  it.each([0, 16, 48, 63])('refuses a window size of %s (must be a multiple of 32, at least 32)', (size) => {
    expect(() => new ReplayWindow(size)).toThrow(RangeError);
  });
});
