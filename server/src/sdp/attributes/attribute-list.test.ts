import { describe, expect, it } from 'vitest';
import type { Attribute, HasAttributes } from '../session-description.ts';
import { expectAttributeError } from '../testing.ts';
import {
  addAttribute, getAttribute, getAttributes, readInheritedAttribute, readInheritedAttributes, removeAttributes, setAttribute, writeAttribute,
} from './attribute-list.ts';
import { type Direction, getDirection, setDirection } from './direction.ts';
import { fingerprintAttribute } from './fingerprint.ts';
import { setupAttribute } from './setup.ts';

const section = (...attributes: Attribute[]): HasAttributes => ({ attributes });

describe('the raw attribute list', () => {
  it('reads the first value, every value, and "" for a flag', () => {
    const media = section({ name: 'ssrc', value: '1 cname:a' }, { name: 'rtcp-mux' }, { name: 'ssrc', value: '2 cname:b' });
    expect(getAttribute(media, 'ssrc')).toBe('1 cname:a');
    expect(getAttributes(media, 'ssrc')).toEqual(['1 cname:a', '2 cname:b']);
    expect(getAttribute(media, 'rtcp-mux')).toBe('');
    expect(getAttribute(media, 'mid')).toBeUndefined();
  });

  it('sets a value in place of the first one and drops the rest', () => {
    const media = section({ name: 'setup', value: 'actpass' }, { name: 'mid', value: '0' }, { name: 'setup', value: 'active' });
    setAttribute(media, 'setup', 'passive');
    expect(media.attributes).toEqual([{ name: 'setup', value: 'passive' }, { name: 'mid', value: '0' }]);
    writeAttribute(media, setupAttribute, 'active');
    addAttribute(media, 'rtcp-mux');
    setAttribute(media, 'ice-lite');
    expect(media.attributes).toEqual([{ name: 'setup', value: 'active' }, { name: 'mid', value: '0' }, { name: 'rtcp-mux' }, { name: 'ice-lite' }]);
    removeAttributes(media, 'rtcp-mux');
    expect(media.attributes.map(({ name }) => name)).toEqual(['setup', 'mid', 'ice-lite']);
  });
});

describe('inherited attributes (RFC 8122 §5, RFC 4145 §4, RFC 8839 §5.4)', () => {
  const session = section({ name: 'setup', value: 'actpass' }, { name: 'fingerprint', value: 'sha-256 AA:BB' });

  it('take the media value over the session value', () => {
    const media = section({ name: 'setup', value: 'active' });
    expect(readInheritedAttribute(media, session, setupAttribute)).toBe('active');
    expect(readInheritedAttributes(media, session, fingerprintAttribute)).toEqual([{ hashFunction: 'sha-256', bytes: Uint8Array.of(0xaa, 0xbb) }]);
  });

  it('fall back to the session value, or nothing', () => {
    expect(readInheritedAttribute(section(), session, setupAttribute)).toBe('actpass');
    expect(readInheritedAttributes(section(), section(), fingerprintAttribute)).toEqual([]);
  });
});

describe('getDirection (RFC 8866 §6.7)', () => {
  const rows: { name: string; media: Attribute[]; session: Attribute[]; want: Direction }[] = [
    { name: 'the media section decides', media: [{ name: 'recvonly' }], session: [{ name: 'inactive' }], want: 'recvonly' },
    { name: 'a session-level direction applies to sections without one', media: [], session: [{ name: 'sendonly' }], want: 'sendonly' },
    { name: 'sendrecv by default', media: [], session: [], want: 'sendrecv' },
  ];
  it.each(rows)('$name', ({ media, session, want }) => {
    expect(getDirection(section(...media), section(...session))).toBe(want);
  });

  it('throws BAD_DIRECTION for two directions in one section', () => {
    expectAttributeError(() => getDirection(section({ name: 'sendonly' }, { name: 'recvonly' })), 'BAD_DIRECTION');
  });

  it('setDirection replaces the direction where it was', () => {
    const media = section({ name: 'mid', value: '0' }, { name: 'sendrecv' }, { name: 'rtcp-mux' }, { name: 'inactive' });
    setDirection(media, 'recvonly');
    expect(media.attributes.map(({ name }) => name)).toEqual(['mid', 'recvonly', 'rtcp-mux']);
  });
});
