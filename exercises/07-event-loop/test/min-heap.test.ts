import { describe, expect, it } from 'vitest';
import { SeededRandom } from '#server/common/fuzz.ts';
import { IndexedMinHeap } from '../min-heap.ts';

/** A job with a due time; `name` breaks ties so the order is strict. */
interface Job {
  heapIndex: number;
  due: number;
  name: string;
}

const job = (due: number, name = `job@${due}`): Job => ({ heapIndex: -1, due, name });
const earlier = (a: Job, b: Job): boolean => a.due < b.due || (a.due === b.due && a.name < b.name);
const sorted = (jobs: readonly Job[]): Job[] => [...jobs].sort((a, b) => a.due - b.due || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

function drain(heap: IndexedMinHeap<Job>): Job[] {
  const out: Job[] = [];
  for (let next = heap.pop(); next !== undefined; next = heap.pop()) out.push(next);
  return out;
}

/** Slots must be exactly 0..size-1, each held by one node: what makes remove() by handle possible. */
function expectConsistentSlots(heap: IndexedMinHeap<Job>, inside: readonly Job[]): void {
  expect(inside.map((j) => j.heapIndex).sort((a, b) => a - b)).toEqual(inside.map((_, i) => i));
  expect(inside.every((j) => heap.has(j))).toBe(true);
}

describe('07-event-loop: IndexedMinHeap basics', () => {
  it('pops nodes in order, whatever order they were pushed in', () => {
    const heap = new IndexedMinHeap(earlier);
    const jobs = [40, 10, 30, 10, 50, 0, 20].map((due, i) => job(due, `j${i}`));
    jobs.forEach((j) => heap.push(j));
    expect(heap.size).toBe(7);
    expect(heap.peek()).toBe(jobs[5]);
    expect(heap.size).toBe(7);
    expect(drain(heap)).toEqual(sorted(jobs));
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
  });

  it('keeps heapIndex as the node’s slot, and -1 once the node is out', () => {
    const heap = new IndexedMinHeap(earlier);
    const jobs = Array.from({ length: 20 }, (_, i) => job((i * 7) % 20));
    jobs.forEach((j) => heap.push(j));
    expectConsistentSlots(heap, jobs);
    const first = heap.pop()!;
    expect(first.heapIndex).toBe(-1);
    expect(heap.has(first)).toBe(false);
    expectConsistentSlots(heap, jobs.filter((j) => j !== first));
  });

  it('removes the top, the last and a middle node by handle', () => {
    const heap = new IndexedMinHeap(earlier);
    const jobs = [5, 1, 9, 3, 7, 2, 8, 6, 4].map((due) => job(due));
    jobs.forEach((j) => heap.push(j));
    const top = heap.peek()!;
    const middle = jobs[4]!;
    const last = jobs.find((j) => j.heapIndex === jobs.length - 1)!;
    for (const victim of new Set([top, middle, last])) {
      expect(heap.remove(victim)).toBe(true);
      expect(victim.heapIndex).toBe(-1);
      expect(heap.remove(victim)).toBe(false);
    }
    const left = jobs.filter((j) => j !== top && j !== middle && j !== last);
    expectConsistentSlots(heap, left);
    expect(drain(heap)).toEqual(sorted(left));
  });

  it('leaves another heap’s node alone in remove(), update() and has()', () => {
    const mine = new IndexedMinHeap(earlier);
    const theirs = new IndexedMinHeap(earlier);
    const a = job(1);
    const b = job(2);
    const stranger = job(3);
    mine.push(a);
    mine.push(b);
    theirs.push(job(0));
    theirs.push(stranger); // slot 1, which mine also has
    expect(mine.has(stranger)).toBe(false);
    expect(mine.remove(stranger)).toBe(false);
    expect(mine.update(stranger)).toBe(false);
    expect(theirs.has(stranger)).toBe(true);
    expect(drain(mine)).toEqual([a, b]);
  });

  it('refuses to push a node that is already in a heap', () => {
    const heap = new IndexedMinHeap(earlier);
    const j = job(1);
    heap.push(j);
    expect(() => heap.push(j)).toThrow(RangeError);
    expect(() => new IndexedMinHeap(earlier).push(j)).toThrow(RangeError);
    expect(heap.size).toBe(1);
  });

  it('update() moves a node up when its key falls and down when it rises', () => {
    const heap = new IndexedMinHeap(earlier);
    const jobs = [10, 20, 30, 40, 50, 60, 70].map((due) => job(due, `j${due}`));
    jobs.forEach((j) => heap.push(j));
    const deep = jobs[6]!;
    deep.due = 5;
    expect(heap.update(deep)).toBe(true);
    expect(heap.peek()).toBe(deep);
    deep.due = 55;
    expect(heap.update(deep)).toBe(true);
    expect(drain(heap).map((j) => j.due)).toEqual([10, 20, 30, 40, 50, 55, 60]);
  });
});

describe('07-event-loop: IndexedMinHeap costs O(log n)', () => {
  it('each push, pop, remove and update on 4,096 nodes calls before() and writes heapIndex O(log n) times', () => {
    const n = 4096;
    const levels = Math.ceil(Math.log2(n)); // 12
    let comparisons = 0;
    let writes = 0;
    const counted = (due: number, name: string): Job => {
      let slot = -1;
      return {
        due,
        name,
        get heapIndex() {
          return slot;
        },
        set heapIndex(value: number) {
          writes += 1;
          slot = value;
        },
      };
    };
    const heap = new IndexedMinHeap<Job>((a, b) => {
      comparisons += 1;
      return earlier(a, b);
    });
    const random = new SeededRandom(42);
    const inside: Job[] = [];
    let worstComparisons = 0;
    let worstWrites = 0;
    const measure = (operation: () => void): void => {
      comparisons = 0;
      writes = 0;
      operation();
      worstComparisons = Math.max(worstComparisons, comparisons);
      worstWrites = Math.max(worstWrites, writes);
    };
    // Falling keys: every push climbs to the top, the worst case for a heap.
    for (let i = 0; i < n; i++) {
      const j = counted(n - i, `p${i}`);
      measure(() => heap.push(j));
      inside.push(j);
    }
    for (let i = 0; i < 2000; i++) {
      const action = i % 4;
      if (action === 0) {
        measure(() => void inside.splice(inside.indexOf(heap.pop()!), 1));
      } else if (action === 1) {
        const j = inside.splice(random.below(inside.length), 1)[0]!;
        measure(() => expect(heap.remove(j)).toBe(true));
      } else if (action === 2) {
        const j = random.pick(inside);
        j.due = random.below(2 * n);
        measure(() => expect(heap.update(j)).toBe(true));
      } else {
        const j = counted(random.below(2 * n), `q${i}`);
        measure(() => heap.push(j));
        inside.push(j);
      }
    }
    expect(worstComparisons, `before() calls in the worst operation (log2 n = ${levels})`).toBeLessThanOrEqual(3 * levels + 3);
    expect(worstWrites, `heapIndex writes in the worst operation (log2 n = ${levels})`).toBeLessThanOrEqual(2 * levels + 4);
    expect(drain(heap)).toEqual(sorted(inside));
  });
});
