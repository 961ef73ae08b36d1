import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#server/common/fuzz.ts';
import { type InsertResult, PlayoutBuffer, type PlayoutEvent } from '../playout-buffer.ts';

/** Frames sent every 20 ms from t = 0: frame n is sent at 20n. */
const sentAt = (sequence: number): number => sequence * 20;
const played = (...sequences: number[]): PlayoutEvent[] => sequences.map((sequence) => ({ sequence, played: true }));
const concealed = (...sequences: number[]): PlayoutEvent[] => sequences.map((sequence) => ({ sequence, played: false }));

describe('PlayoutBuffer', () => {
  it('works the example of the specification', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    expect(buffer.insert(0, 0, 30)).toBe('buffered');
    expect(buffer.insert(2, 40, 60)).toBe('buffered');
    expect(buffer.playUntil(100)).toEqual(played(0));
    expect(buffer.playUntil(140)).toEqual([...concealed(1), ...played(2)]);
    expect(buffer.insert(1, 20, 150)).toBe('too-late');
    expect(buffer.stats).toEqual({ played: 2, concealed: 1, tooLate: 1, duplicates: 0, buffered: 0 });
  });

  it('plays nothing before its playout time, and exactly at it', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 50 });
    buffer.insert(0, 0, 5);
    expect(buffer.playUntil(49.9)).toEqual([]);
    expect(buffer.nextSequence).toBe(0);
    expect(buffer.playUntil(50)).toEqual(played(0));
    expect(buffer.nextSequence).toBe(1);
  });

  it('plays frames that arrived out of order in sequence order', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    for (const sequence of [2, 0, 3, 1]) expect(buffer.insert(sequence, sentAt(sequence), 70)).toBe('buffered');
    expect(buffer.playUntil(1000)).toEqual(played(0, 1, 2, 3));
    expect(buffer.stats).toMatchObject({ played: 4, concealed: 0, buffered: 0 });
  });

  it('a frame that arrives after its playout time is too late, even if its slot has not been used yet', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    expect(buffer.insert(0, 0, 100)).toBe('buffered');
    expect(buffer.insert(1, 20, 120.5)).toBe('too-late');
    expect(buffer.nextSequence).toBe(0);
  });

  it('conceals missing frames only when a later frame is played', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    buffer.insert(3, sentAt(3), 10);
    // Frames 0 to 2 are missing; their slots pass only when 3 is played, at 160.
    expect(buffer.playUntil(159)).toEqual([]);
    expect(buffer.insert(1, sentAt(1), 110)).toBe('buffered');
    expect(buffer.playUntil(159)).toEqual([...concealed(0), ...played(1)]);
    expect(buffer.playUntil(160)).toEqual([...concealed(2), ...played(3)]);
    expect(buffer.stats).toMatchObject({ played: 2, concealed: 2 });
  });

  it('stops at the first waiting frame that is not due, even if a later one would be', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    // Frame 1 was stamped late (sent at 500): it holds up frame 2 until its own time.
    buffer.insert(1, 500, 10);
    buffer.insert(2, sentAt(2), 10);
    expect(buffer.playUntil(200)).toEqual([]);
    expect(buffer.playUntil(600)).toEqual([...concealed(0), ...played(1, 2)]);
  });

  it('drops a second copy of a waiting frame, and a copy of one already played', () => {
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    const results: InsertResult[] = [buffer.insert(0, 0, 10), buffer.insert(0, 0, 11)];
    buffer.playUntil(100);
    results.push(buffer.insert(0, 0, 50));
    expect(results).toEqual(['buffered', 'duplicate', 'too-late']);
    expect(buffer.stats).toEqual({ played: 1, concealed: 0, tooLate: 1, duplicates: 1, buffered: 0 });
  });

  it('a head-of-line stall: everything behind a late frame is too late together', () => {
    // TCP delivers 0..9 on time, then 10..14 all at 400 ms (behind a retransmission), then on time again.
    const buffer = new PlayoutBuffer({ playoutDelayMs: 150 });
    const outcomes: InsertResult[] = [];
    for (let sequence = 0; sequence < 20; sequence++) {
      const arrivedAt = sequence >= 10 && sequence < 15 ? 400 : sentAt(sequence) + 20;
      buffer.playUntil(arrivedAt);
      outcomes.push(buffer.insert(sequence, sentAt(sequence), arrivedAt));
    }
    buffer.playUntil(Number.POSITIVE_INFINITY);
    // 10..12 were due at 350, 370, 390: too late at 400; 13 and 14 (due at 410, 430) make it.
    expect(outcomes.map((outcome, sequence) => (outcome === 'too-late' ? sequence : -1)).filter((s) => s >= 0)).toEqual([10, 11, 12]);
    expect(buffer.stats).toEqual({ played: 17, concealed: 3, tooLate: 3, duplicates: 0, buffered: 0 });
  });

  it('accounts for every slot of a random stream: played + concealed = the slots passed', () => {
    const random = new SeededRandom(50);
    const buffer = new PlayoutBuffer({ playoutDelayMs: 80 });
    const log: Array<{ sequence: number; arrivedAt: number }> = [];
    for (let sequence = 0; sequence < 2000; sequence++) {
      if (random.next() < 0.05) continue;
      log.push({ sequence, arrivedAt: sentAt(sequence) + 10 + random.next() * 120 });
      if (random.next() < 0.05) log.push({ sequence, arrivedAt: sentAt(sequence) + 10 + random.next() * 120 });
    }
    log.sort((a, b) => a.arrivedAt - b.arrivedAt);
    let tooLateInTime = 0;
    for (const { sequence, arrivedAt } of log) {
      buffer.playUntil(arrivedAt);
      if (buffer.insert(sequence, sentAt(sequence), arrivedAt) === 'too-late' && arrivedAt > sentAt(sequence) + 80) tooLateInTime += 1;
    }
    const events = buffer.playUntil(Number.POSITIVE_INFINITY);
    const { played: playedCount, concealed: concealedCount, tooLate, duplicates, buffered } = buffer.stats;
    expect(buffered).toBe(0);
    expect(playedCount + concealedCount).toBe(buffer.nextSequence);
    expect(playedCount + tooLate + duplicates).toBe(log.length);
    expect(tooLateInTime).toBeGreaterThan(0);
    expect(events.every((event, i) => i === 0 || event.sequence === events[i - 1]!.sequence + 1)).toBe(true);
  });

  it('rejects a bad delay, sequence or time with RangeError', () => {
    expect(() => new PlayoutBuffer({ playoutDelayMs: -1 })).toThrow(RangeError);
    expect(() => new PlayoutBuffer({ playoutDelayMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    const buffer = new PlayoutBuffer({ playoutDelayMs: 100 });
    expect(() => buffer.insert(-1, 0, 0)).toThrow(RangeError);
    expect(() => buffer.insert(1.5, 0, 0)).toThrow(RangeError);
    expect(() => buffer.insert(0, Number.NaN, 0)).toThrow(RangeError);
    expect(() => buffer.insert(0, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
