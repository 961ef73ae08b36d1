/** Range checks for the serializers: a header field that does not fit is a RangeError naming it. */
export function checkField(protocol: string, name: string, value: number, bits: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new RangeError(`${protocol}: ${name} must be an integer from 0 to ${2 ** bits - 1}, got ${value}`);
  }
  return value;
}
