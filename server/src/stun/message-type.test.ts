import { describe, expect, it } from 'vitest';
import { type StunClass, StunMethod, decodeMessageType, encodeMessageType } from './message-type.ts';

const CLASSES: readonly StunClass[] = ['request', 'indication', 'success-response', 'error-response'];

// Types as registered with IANA and seen on the wire (RFC 8489 §5, §18.2; RFC 8656 §17).
const KNOWN_TYPES: readonly { name: string; method: number; messageClass: StunClass; type: number }[] = [
  { name: 'Binding request', method: StunMethod.Binding, messageClass: 'request', type: 0x0001 },
  { name: 'Binding indication (ICE keepalives, RFC 8445 §11)', method: StunMethod.Binding, messageClass: 'indication', type: 0x0011 },
  { name: 'Binding success response', method: StunMethod.Binding, messageClass: 'success-response', type: 0x0101 },
  { name: 'Binding error response', method: StunMethod.Binding, messageClass: 'error-response', type: 0x0111 },
  { name: 'Allocate request', method: StunMethod.Allocate, messageClass: 'request', type: 0x0003 },
  { name: 'Allocate success response', method: StunMethod.Allocate, messageClass: 'success-response', type: 0x0103 },
  { name: 'Allocate error response', method: StunMethod.Allocate, messageClass: 'error-response', type: 0x0113 },
  { name: 'Refresh request', method: StunMethod.Refresh, messageClass: 'request', type: 0x0004 },
  { name: 'Send indication', method: StunMethod.Send, messageClass: 'indication', type: 0x0016 },
  { name: 'Data indication', method: StunMethod.Data, messageClass: 'indication', type: 0x0017 },
  { name: 'CreatePermission request', method: StunMethod.CreatePermission, messageClass: 'request', type: 0x0008 },
  { name: 'ChannelBind request', method: StunMethod.ChannelBind, messageClass: 'request', type: 0x0009 },
  // Chromium's GOOG-PING (webrtc stun.h: 0x200/0x300/0x310) is method 0x080: M7 is the first bit past C1.
  { name: 'GOOG-PING request', method: 0x080, messageClass: 'request', type: 0x0200 },
  { name: 'GOOG-PING success response', method: 0x080, messageClass: 'success-response', type: 0x0300 },
  { name: 'GOOG-PING error response', method: 0x080, messageClass: 'error-response', type: 0x0310 },
  { name: 'the largest method, error response', method: 0xfff, messageClass: 'error-response', type: 0x3fff },
  { name: 'M0–M3 only', method: 0x00f, messageClass: 'request', type: 0x000f },
  { name: 'M4–M6 only (shifted past C0)', method: 0x070, messageClass: 'request', type: 0x00e0 },
  { name: 'M7–M11 only (shifted past C0 and C1)', method: 0xf80, messageClass: 'request', type: 0x3e00 },
];

describe('message type (RFC 8489 §5)', () => {
  for (const row of KNOWN_TYPES) {
    it(`${row.name} is 0x${row.type.toString(16).padStart(4, '0')}`, () => {
      expect(encodeMessageType(row)).toBe(row.type);
      expect(decodeMessageType(row.type)).toEqual({ method: row.method, messageClass: row.messageClass });
    });
  }

  it('every one of the 4096 methods × 4 classes maps to a distinct 14-bit type and back', () => {
    const seen = new Set<number>();
    const mismatches: string[] = [];
    for (let method = 0; method <= 0xfff; method++) {
      for (const messageClass of CLASSES) {
        const type = encodeMessageType({ method, messageClass });
        const back = decodeMessageType(type);
        if (type >= 0x4000 || back.method !== method || back.messageClass !== messageClass) {
          mismatches.push(`${method}/${messageClass} -> 0x${type.toString(16)}`);
        }
        seen.add(type);
      }
    }
    expect(mismatches).toEqual([]);
    expect(seen.size).toBe(0x4000);
  });

  it('rejects a method that does not fit 12 bits, and an unknown class', () => {
    expect(() => encodeMessageType({ method: 0x1000, messageClass: 'request' })).toThrow(RangeError);
    expect(() => encodeMessageType({ method: -1, messageClass: 'request' })).toThrow(RangeError);
    expect(() => encodeMessageType({ method: 1, messageClass: 'response' as StunClass })).toThrow(RangeError);
  });
});
