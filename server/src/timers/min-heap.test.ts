import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../common/fuzz.ts';
import { IndexedMinHeap } from './min-heap.ts';

interface Item {
  heapIndex: number;
  key: number;
  id: number;
}

let nextId = 0;
const item = (key: number): Item => ({ heapIndex: -1, key, id: nextId++ });
/** Smaller key first, then the item created first: a strict total order, as the timer queue's is. */
const byKeyThenId = (a: Item, b: Item): boolean => a.key < b.key || (a.key === b.key && a.id < b.id);
const compare = (a: Item, b: Item): number => (byKeyThenId(a, b) ? -1 : byKeyThenId(b, a) ? 1 : 0);

function popAll(heap: IndexedMinHeap<Item>): Item[] {
  const out: Item[] = [];
  for (let next = heap.pop(); next !== undefined; next = heap.pop()) out.push(next);
  return out;
}

describe('IndexedMinHeap', () => {
  it('pops in order, ties in the order the comparator gives', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const items = [5, 3, 9, 3, 1, 7, 3, 0, 9].map(item);
    items.forEach((i) => heap.push(i));
    expect(heap.size).toBe(9);
    expect(heap.peek()?.key).toBe(0);
    expect(popAll(heap)).toEqual([...items].sort(compare));
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
  });

  it('removes any node by its handle and keeps the rest in order', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const items = Array.from({ length: 50 }, (_, i) => item((i * 37) % 50));
    items.forEach((i) => heap.push(i));
    const removed = items.filter((_, i) => i % 3 === 0);
    for (const node of removed) expect(heap.remove(node)).toBe(true);
    expect(removed.every((node) => node.heapIndex === -1 && !heap.has(node))).toBe(true);
    expect(popAll(heap)).toEqual(items.filter((_, i) => i % 3 !== 0).sort(compare));
  });

  it('refuses to remove or update a node it does not hold', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const other = new IndexedMinHeap(byKeyThenId);
    const mine = item(1);
    const theirs = item(2);
    heap.push(mine);
    other.push(item(0));
    other.push(theirs); // heapIndex 1: a slot that heap does not have
    expect(heap.remove(theirs)).toBe(false);
    expect(heap.update(theirs)).toBe(false);
    expect(heap.has(theirs)).toBe(false);
    expect(other.has(theirs)).toBe(true);
    expect(heap.remove(mine)).toBe(true);
    expect(heap.remove(mine)).toBe(false);
  });

  it('refuses a node that is already in a heap', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const node = item(1);
    heap.push(node);
    expect(() => heap.push(node)).toThrow(RangeError);
    expect(heap.size).toBe(1);
  });

  it('update() moves a re-keyed node up or down', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const items = [10, 20, 30, 40, 50, 60].map(item);
    items.forEach((i) => heap.push(i));
    items[5]!.key = 5; // deepest to the top
    expect(heap.update(items[5]!)).toBe(true);
    expect(heap.peek()).toBe(items[5]);
    items[5]!.key = 45; // top to the middle
    heap.update(items[5]!);
    expect(popAll(heap).map((i) => i.key)).toEqual([10, 20, 30, 40, 45, 50]);
  });

  it('drain() empties it and frees every node for another heap', () => {
    const heap = new IndexedMinHeap(byKeyThenId);
    const items = [3, 1, 2].map(item);
    items.forEach((i) => heap.push(i));
    expect(heap.drain().sort(compare)).toEqual([items[1], items[2], items[0]]);
    expect(heap.size).toBe(0);
    const again = new IndexedMinHeap(byKeyThenId);
    items.forEach((i) => again.push(i));
    expect(again.size).toBe(3);
  });

  it('agrees with a sorted array through 20,000 random pushes, pops, removes and updates', () => {
    const random = new SeededRandom(7);
    const heap = new IndexedMinHeap(byKeyThenId);
    const model: Item[] = [];
    for (let step = 0; step < 20_000; step++) {
      const action = random.below(10);
      if (action < 4 || model.length === 0) {
        const node = item(random.below(1000));
        heap.push(node);
        model.push(node);
      } else if (action < 6) {
        model.sort(compare);
        expect(heap.pop()).toBe(model.shift());
      } else if (action < 8) {
        const node = model.splice(random.below(model.length), 1)[0]!;
        expect(heap.remove(node)).toBe(true);
      } else {
        const node = random.pick(model);
        node.key = random.below(1000);
        expect(heap.update(node)).toBe(true);
      }
      expect(heap.size).toBe(model.length);
      if (step % 97 === 0) expect(heap.peek()).toBe([...model].sort(compare)[0]);
    }
    expect(popAll(heap)).toEqual(model.sort(compare));
  });
});
