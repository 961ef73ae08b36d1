/**
 * Exercise 07-event-loop, part 1: an indexed binary min-heap (reference solution).
 * See exercises/07-event-loop/min-heap.ts for the contract.
 *
 * The SFU's timers are built on this heap: the reference is server/src/timers/min-heap.ts itself
 * (it also has drain(), which the exercise does not ask for).
 */
export { IndexedMinHeap, type HeapNode, type HeapOrder } from '#server/timers/min-heap.ts';
