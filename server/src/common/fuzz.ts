/**
 * Deterministic inputs for fuzz tests: a seeded PRNG, random buffers, and
 * mutations of valid packets (bit flips, truncation, byte overwrites, length
 * field corruption, duplication). Seeded so a failure reproduces exactly.
 */

/** mulberry32: small, fast, good enough for test inputs (not for cryptography). */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor(this.next() * bound);
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.below(256);
    return out;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('fuzz: pick from an empty list');
    return items[this.below(items.length)]!;
  }
}

/** One random mutation of `input` (never modifies it). */
export function mutate(input: Uint8Array, random: SeededRandom): Uint8Array {
  const out = Uint8Array.from(input);
  switch (random.below(6)) {
    case 0: {
      // flip a few bits
      const flips = 1 + random.below(4);
      for (let i = 0; i < flips && out.length > 0; i++) out[random.below(out.length)]! ^= 1 << random.below(8);
      return out;
    }
    case 1:
      // truncate
      return out.subarray(0, random.below(out.length + 1));
    case 2: {
      // overwrite a run with random bytes
      if (out.length === 0) return out;
      const start = random.below(out.length);
      const run = Math.min(out.length - start, 1 + random.below(8));
      out.set(random.bytes(run), start);
      return out;
    }
    case 3: {
      // set a byte to an extreme value (length fields love 0x00 and 0xff)
      if (out.length > 0) out[random.below(out.length)] = random.pick([0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
      return out;
    }
    case 4: {
      // append random bytes
      const tail = random.bytes(1 + random.below(16));
      const grown = new Uint8Array(out.length + tail.length);
      grown.set(out);
      grown.set(tail, out.length);
      return grown;
    }
    default: {
      // duplicate a slice in place of another
      if (out.length < 2) return out;
      const from = random.below(out.length);
      const to = random.below(out.length);
      const run = Math.min(out.length - Math.max(from, to), 1 + random.below(16));
      out.copyWithin(to, from, from + run);
      return out;
    }
  }
}

/**
 * Runs `cases` inputs through `check`: first random buffers, then mutations of
 * the seeds. `check` throws (failing the test) if the parser misbehaved; the
 * failing input is attached to the error as hex so it can be checked in.
 */
export function fuzz(options: {
  seed: number;
  cases: number;
  seeds: readonly Uint8Array[];
  maxRandomLength?: number;
  check: (input: Uint8Array) => void;
}): void {
  const random = new SeededRandom(options.seed);
  const maxLength = options.maxRandomLength ?? 256;
  for (let i = 0; i < options.cases; i++) {
    const useRandom = options.seeds.length === 0 || i % 4 === 0;
    let input = useRandom ? random.bytes(random.below(maxLength + 1)) : mutate(random.pick(options.seeds), random);
    // Stack a few mutations now and then to reach deeper states.
    if (!useRandom && random.below(4) === 0) input = mutate(input, random);
    try {
      options.check(input);
    } catch (error) {
      const hex = Buffer.from(input).toString('hex');
      throw new Error(`fuzz case ${i} (seed ${options.seed}) failed on input ${hex}: ${String(error)}`, { cause: error });
    }
  }
}
