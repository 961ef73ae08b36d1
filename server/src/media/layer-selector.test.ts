/**
 * Which simulcast encoding a consumer forwards: the best one the publisher
 * is sending, switched to only at a key frame of it.
 */
import { describe, expect, it } from 'vitest';
import { LayerSelector } from './layer-selector.ts';

describe('LayerSelector', () => {
  it('with one encoding forwards everything (the ConsumerStream waits for the key frame)', () => {
    const selector = new LayerSelector(1, () => false);
    expect(selector.current).toBe(0);
    expect(selector.accept(0, false)).toBe(true);
  });

  it('starts at the first key frame of the best active layer, and ignores the others', () => {
    const active = new Set([0, 1]);
    const selector = new LayerSelector(3, (index) => active.has(index));
    expect(selector.accept(0, true)).toBe(false); // a key frame, but not of the target (1)
    expect(selector.accept(1, false)).toBe(false); // the target, but no key frame yet
    expect(selector.current).toBeUndefined();
    expect(selector.accept(1, true)).toBe(true);
    expect(selector.current).toBe(1);
    expect(selector.accept(0, false)).toBe(false);
    expect(selector.accept(1, false)).toBe(true);
  });

  it('moves up when a better layer starts, at its key frame; down when the current one stops', () => {
    const active = new Set([0]);
    const selector = new LayerSelector(2, (index) => active.has(index));
    expect(selector.accept(0, true)).toBe(true);
    active.add(1);
    expect(selector.target()).toBe(1);
    expect(selector.accept(1, false)).toBe(false);
    expect(selector.accept(0, false)).toBe(true); // keeps the current layer until the switch
    expect(selector.accept(1, true)).toBe(true);
    expect(selector.current).toBe(1);
    active.delete(1);
    expect(selector.accept(0, false)).toBe(false);
    expect(selector.accept(0, true)).toBe(true);
    expect(selector.current).toBe(0);
  });
});
