/**
 * Table runners shared by the SDP tests (test code only: it imports vitest).
 * Each attribute test file is then just its RFC rows.
 */
import { describe, expect, it } from 'vitest';
import type { AttributeCodec } from './attributes/attribute-list.ts';
import { SdpAttributeError, type SdpAttributeErrorCode, SdpParseError, type SdpParseErrorCode } from './errors.ts';

export interface ValidRow<T> {
  name: string;
  value: string;
  want: T;
  /** What serialize writes when it is not `value` itself (e.g. lowercase hex comes back uppercase). */
  canonical?: string;
}

export interface InvalidRow {
  name: string;
  value: string;
  code: SdpAttributeErrorCode;
}

/** Valid rows parse to `want` and serialize back; invalid rows throw SdpAttributeError with `code`. */
export function describeAttributeCodec<T>(codec: AttributeCodec<T>, rows: { valid: ValidRow<T>[]; invalid: InvalidRow[] }): void {
  describe(`a=${codec.name}`, () => {
    it.each(rows.valid)('parses $name', ({ value, want }) => {
      expect(codec.parse(value)).toEqual(want);
    });
    it.each(rows.valid)('serializes $name back', ({ value, want, canonical }) => {
      expect(codec.serialize(want)).toBe(canonical ?? value);
    });
    it.each(rows.invalid)('rejects $name with $code', ({ value, code }) => {
      expectAttributeError(() => codec.parse(value), code);
    });
  });
}

export function expectAttributeError(run: () => unknown, code: SdpAttributeErrorCode): void {
  const error = catchError(run);
  expect(error).toBeInstanceOf(SdpAttributeError);
  expect((error as SdpAttributeError).code).toBe(code);
}

export function expectParseError(run: () => unknown, code: SdpParseErrorCode, line: number): void {
  const error = catchError(run);
  expect(error).toBeInstanceOf(SdpParseError);
  expect({ code: (error as SdpParseError).code, line: (error as SdpParseError).line }).toEqual({ code, line });
}

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but nothing was thrown');
}
