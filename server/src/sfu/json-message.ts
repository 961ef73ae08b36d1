/**
 * The check every channel message passes: it must be JSON (RFC 8259) with
 * nothing lost on the way, because an IPC channel will serialise it. JSON.stringify alone would
 * silently turn a Map or a Uint8Array into `{}` or an index-keyed object, and drop
 * functions; this walks the value first and throws a TypeError naming the
 * first offending path, so an in-process run fails exactly where IPC would
 * have corrupted the message.
 */
import type { JsonValue } from './channel-messages.ts';

/** Throws TypeError unless `value` survives a JSON round trip unchanged (undefined object fields excepted). */
export function assertJsonSerializable(value: unknown, path = 'message'): asserts value is JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON cannot carry`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || value[i] === undefined) throw new TypeError(`${path}[${i}] is undefined, which JSON turns into null`);
      assertJsonSerializable(value[i], `${path}[${i}]`);
    }
    return;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(`${path} is a ${value.constructor?.name ?? 'non-plain object'}, not a plain object`);
    }
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) assertJsonSerializable(field, `${path}.${key}`);
    }
    return;
  }
  throw new TypeError(`${path} is a ${typeof value}, which JSON cannot carry`);
}

/** The message as the other side of an IPC channel would see it: checked, then copied through JSON. */
export function toWire<T>(message: T, path = 'message'): T {
  assertJsonSerializable(message, path);
  return JSON.parse(JSON.stringify(message)) as T;
}
