/** Shared by the net tests: bytes from spaced hex, and the NetParseError code an action throws. */
import { NetParseError } from './errors.ts';

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/[\s|]+/g, ''), 'hex'));
}

export function errorCode(action: () => unknown): string {
  try {
    action();
    return 'no error';
  } catch (error) {
    return error instanceof NetParseError ? error.code : `not a NetParseError: ${String(error)}`;
  }
}
