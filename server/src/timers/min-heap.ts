/**
 * An indexed binary min-heap: a binary heap in an array, whose nodes remember
 * their own position so that any node, not just the top, can be removed or
 * re-keyed in O(log n) without searching for it.
 *
 * The ordering is the caller's `before(a, b)`: true when `a` must come out
 * before `b`. For timers that is "earlier deadline, then armed first", which
 * also makes equal deadlines come out in FIFO order; a bare binary heap is not
 * stable, so the tie-break has to be part of the key.
 *
 * Layout: the children of slot i are 2i + 1 and 2i + 2, its parent (i - 1) >> 1.
 * Every slot comes before its children, so the top is slot 0. Push and pop
 * move one node up or down one path: at most log2(n) levels.
 *
 * The heap is intrusive: it writes `heapIndex` on the nodes (the slot, or -1
 * when the node is in no heap), which is what makes remove() O(log n) and
 * saves allocating a wrapper per push. A node can be in one heap at a time.
 */

export interface HeapNode {
  /** Owned by the heap: the node's slot, -1 when it is in no heap. Start it at -1. */
  heapIndex: number;
}

/** True when `a` must leave the heap before `b`. Must be a strict order (false for a node and itself). */
export type HeapOrder<T> = (a: T, b: T) => boolean;

export class IndexedMinHeap<T extends HeapNode> {
  readonly #items: T[] = [];
  readonly #before: HeapOrder<T>;

  constructor(before: HeapOrder<T>) {
    this.#before = before;
  }

  get size(): number {
    return this.#items.length;
  }

  /** The node that pop() would return, left in place. */
  peek(): T | undefined {
    return this.#items[0];
  }

  /** True when `node` is in this heap (not merely in some heap). */
  has(node: T): boolean {
    const index = node.heapIndex;
    return index >= 0 && this.#items[index] === node;
  }

  push(node: T): void {
    if (node.heapIndex !== -1) throw new RangeError(`heap: node is already in a heap (heapIndex ${node.heapIndex})`);
    const index = this.#items.length;
    this.#items.push(node);
    node.heapIndex = index;
    this.#siftUp(index);
  }

  pop(): T | undefined {
    const top = this.#items[0];
    if (top !== undefined) this.#removeAt(0);
    return top;
  }

  /** Takes `node` out wherever it is; false (and nothing changes) when it is not in this heap. */
  remove(node: T): boolean {
    if (!this.has(node)) return false;
    this.#removeAt(node.heapIndex);
    return true;
  }

  /** Restores the order after `node`'s key changed in place; false when it is not in this heap. */
  update(node: T): boolean {
    if (!this.has(node)) return false;
    const index = node.heapIndex;
    if (index > 0 && this.#before(node, this.#items[(index - 1) >> 1]!)) this.#siftUp(index);
    else this.#siftDown(index);
    return true;
  }

  /** Empties the heap and returns its nodes (in no particular order), each with heapIndex -1. */
  drain(): T[] {
    const nodes = this.#items.splice(0);
    for (const node of nodes) node.heapIndex = -1;
    return nodes;
  }

  #removeAt(index: number): void {
    const items = this.#items;
    const removed = items[index]!;
    const last = items.pop()!;
    removed.heapIndex = -1;
    if (last === removed) return;
    // The last node fills the hole; it may belong above it (it came from another subtree) or below.
    items[index] = last;
    last.heapIndex = index;
    if (index > 0 && this.#before(last, items[(index - 1) >> 1]!)) this.#siftUp(index);
    else this.#siftDown(index);
  }

  /** Moves the node at `index` towards the top while it comes before its parent (a hole moves, not the node). */
  #siftUp(index: number): void {
    const items = this.#items;
    const node = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!this.#before(node, parent)) break;
      items[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    items[index] = node;
    node.heapIndex = index;
  }

  /** Moves the node at `index` down while one of its children comes before it. */
  #siftDown(index: number): void {
    const items = this.#items;
    const length = items.length;
    const node = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.#before(items[right]!, items[left]!) ? right : left;
      const childNode = items[child]!;
      if (!this.#before(childNode, node)) break;
      items[index] = childNode;
      childNode.heapIndex = index;
      index = child;
    }
    items[index] = node;
    node.heapIndex = index;
  }
}
