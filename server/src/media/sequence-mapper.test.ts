import { describe, expect, it } from 'vitest';
import { SequenceMapper } from './sequence-mapper.ts';

type Step = { map: number } | { drop: number } | 'sync';

/** Runs the steps; returns what each `map` gave (undefined: refused). */
function run(initial: number, steps: readonly Step[]): (number | undefined)[] {
  const mapper = new SequenceMapper(initial);
  const out: (number | undefined)[] = [];
  for (const step of steps) {
    if (step === 'sync') mapper.sync();
    else if ('drop' in step) mapper.drop(step.drop);
    else out.push(mapper.map(step.map));
  }
  return out;
}

const map = (...seqs: number[]): Step[] => seqs.map((seq) => ({ map: seq }));

describe('SequenceMapper', () => {
  const cases: { name: string; initial: number; steps: Step[]; expected: (number | undefined)[] }[] = [
    { name: 'starts at the initial number and keeps the input spacing', initial: 100, steps: map(7, 8, 9, 11), expected: [100, 101, 102, 104] },
    { name: 'passes reordering through', initial: 100, steps: map(7, 9, 8, 10), expected: [100, 102, 101, 103] },
    { name: 'wraps the output at 65535 → 0', initial: 65534, steps: map(1, 2, 3, 4), expected: [65534, 65535, 0, 1] },
    { name: 'follows an input that wraps', initial: 10, steps: map(65534, 65535, 0, 1), expected: [10, 11, 12, 13] },
    { name: 'after a sync, continues from the last output whatever the input jumped to', initial: 10, steps: [...map(1, 2), 'sync', ...map(40_000, 40_001)], expected: [10, 11, 12, 13] },
    { name: 'after a sync, refuses inputs from before it (their numbers were used)', initial: 10, steps: [...map(1, 2, 3), 'sync', ...map(50, 49, 51)], expected: [10, 11, 12, 13, undefined, 14] },
    { name: 'a sync continues from the HIGHEST output, even when the last was reordered', initial: 10, steps: [...map(1, 3, 2), 'sync', ...map(500)], expected: [10, 12, 11, 13] },
    { name: 'a dropped input closes up: the next follows directly', initial: 10, steps: [...map(1, 2), { drop: 3 }, { drop: 4 }, ...map(5, 6)], expected: [10, 11, 12, 13] },
    { name: 'a reordered input behind a drop keeps its own number', initial: 10, steps: [...map(1), { drop: 2 }, ...map(4, 3)], expected: [10, 12, 11] },
    { name: 'the dropped input itself, arriving again, is refused', initial: 10, steps: [...map(1), { drop: 2 }, ...map(2, 3)], expected: [10, undefined, 11] },
    { name: 'dropping an old (reordered) input changes nothing', initial: 10, steps: [...map(1, 3), { drop: 2 }, ...map(4)], expected: [10, 12, 13] },
    { name: 'a drop before the first input after a sync is nothing to close', initial: 10, steps: [...map(1), 'sync', { drop: 100 }, ...map(105, 106)], expected: [10, 11, 12] },
    { name: 'drops across the input wrap', initial: 0, steps: [...map(65534), { drop: 65535 }, { drop: 0 }, ...map(1)], expected: [0, 1] },
  ];
  for (const { name, initial, steps, expected } of cases) {
    it(name, () => {
      expect(run(initial, steps)).toEqual(expected);
    });
  }

  it('stays gap-free over long runs with drops every 7th packet', () => {
    const mapper = new SequenceMapper(60_000);
    const outputs: number[] = [];
    for (let seq = 0; seq < 20_000; seq++) {
      const input = (30_000 + seq) % 65536;
      if (seq % 7 === 3) mapper.drop(input);
      else outputs.push(mapper.map(input)!);
    }
    outputs.forEach((output, i) => expect(output).toBe((60_000 + i) % 65536));
  });
});
