/**
 * Exercise 07-event-loop, part 1: an indexed binary min-heap.
 *
 * A binary heap keeps its nodes in an array where every slot comes before its children
 * (children of slot i: 2i + 1 and 2i + 2; parent: (i - 1) >> 1), so the first node to come out
 * is always slot 0. push() puts a node at the end and moves it up while it comes before its
 * parent; pop() moves the last node into slot 0 and moves it down while a child comes before it.
 * Each walks one path from the top to the bottom: O(log n).
 *
 * "Indexed": each node carries `heapIndex`, its slot in the array, which the heap keeps up to
 * date on every move (-1 when the node is in no heap). That is what lets remove(node) take a node
 * out of the middle in O(log n), without searching the array for it: a timer queue cancels
 * timers this way.
 *
 * new IndexedMinHeap(before)
 *   before(a, b) is true when a must come out before b: a strict order the caller defines
 *   (the timer queue's is "earlier deadline, then armed first").
 * size                 how many nodes it holds
 * peek()               the node pop() would return, left in place; undefined when empty
 * has(node)            true when node is in THIS heap (its heapIndex points at itself here)
 * push(node)           adds node. RangeError if node.heapIndex is not -1 (it is in a heap already).
 * pop()                removes and returns the first node (undefined when empty); its heapIndex
 *                      becomes -1
 * remove(node)         takes node out wherever it is and returns true; its heapIndex becomes -1.
 *                      false, changing nothing, when node is not in this heap (another heap's
 *                      node, or one already removed).
 * update(node)         node's key changed in place (say, a new deadline): move it up or down to
 *                      where it belongs and return true; false when node is not in this heap.
 *
 * Every operation but peek/has/size must cost O(log n): the tests count how many times each one
 * calls before() and writes heapIndex, on a heap of 4,096 nodes.
 *
 *   const heap = new IndexedMinHeap<Job>((a, b) => a.due < b.due);
 *   const late = { due: 30, heapIndex: -1 };
 *   heap.push({ due: 10, heapIndex: -1 });
 *   heap.push(late);
 *   heap.remove(late);   // true
 *   heap.pop()?.due      // 10
 */

export interface HeapNode {
  /** Owned by the heap: the node's slot, -1 when it is in no heap. Start it at -1. */
  heapIndex: number;
}

/** True when `a` must leave the heap before `b`. */
export type HeapOrder<T> = (a: T, b: T) => boolean;

export class IndexedMinHeap<T extends HeapNode> {
  constructor(before: HeapOrder<T>) {
    // TODO: keep `before` and an empty array of nodes.
    throw new Error(`TODO: create a heap ordered by ${before.name || 'before()'}`);
  }

  get size(): number {
    throw new Error('TODO: how many nodes the heap holds');
  }

  peek(): T | undefined {
    throw new Error('TODO: the first node, left in place');
  }

  has(node: T): boolean {
    throw new Error(`TODO: is the node with heapIndex ${node.heapIndex} in this heap?`);
  }

  push(node: T): void {
    // TODO: append, then sift up, writing heapIndex on every node that moves.
    throw new Error(`TODO: push a node (heapIndex ${node.heapIndex})`);
  }

  pop(): T | undefined {
    throw new Error('TODO: remove and return the first node');
  }

  remove(node: T): boolean {
    // TODO: fill the hole with the last node, then sift it up or down.
    throw new Error(`TODO: remove the node at slot ${node.heapIndex}`);
  }

  update(node: T): boolean {
    throw new Error(`TODO: re-place the node at slot ${node.heapIndex} after its key changed`);
  }
}
