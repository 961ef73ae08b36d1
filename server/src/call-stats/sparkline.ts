/**
 * The last N values of a series, and the points of a sparkline drawing them:
 * a tile's bitrate over the last half minute, as an SVG polyline.
 */
export class RollingSeries {
  readonly capacity: number;
  readonly #values: number[] = [];

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 2) throw new RangeError(`call-stats: a series needs a capacity of at least 2, got ${capacity}`);
    this.capacity = capacity;
  }

  push(value: number): void {
    this.#values.push(Number.isFinite(value) ? value : 0);
    if (this.#values.length > this.capacity) this.#values.shift();
  }

  values(): readonly number[] {
    return this.#values;
  }
}

/**
 * `points` for an SVG <polyline> in a width × height box, y down as in SVG:
 * the newest value at the right edge, one step per slot of `capacity`, the
 * series scaled so that `max` (default: its largest value, at least 1) touches
 * the top. Empty for no values.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, capacity = values.length, max?: number): string {
  if (values.length === 0) return '';
  const top = Math.max(max ?? Math.max(...values), 1);
  const step = capacity > 1 ? width / (capacity - 1) : 0;
  const offset = width - step * (values.length - 1);
  return values
    .map((value, index) => {
      const x = offset + index * step;
      const y = height - (Math.min(Math.max(value, 0), top) / top) * height;
      return `${round(x)},${round(y)}`;
    })
    .join(' ');
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
