/**
 * The DER reader's tree: tags, byte ranges that point into the input, and the
 * SequenceReader that walks an ASN.1 SEQUENCE definition.
 */
import { describe, expect, it } from 'vitest';
import { Asn1ParseError } from './errors.ts';
import { contextTag, Tag } from './header.ts';
import { decodeInteger } from './integer.ts';
import { parseDer, SequenceReader } from './reader.ts';
import { hex, thrownCode, toHex } from './test-helpers.ts';

/** SEQUENCE { [0] { INTEGER 2 }, INTEGER 5, SEQUENCE { NULL } } */
const SAMPLE = hex(`30 0c         // SEQUENCE, 12 content octets
                      a0 03      // [0] EXPLICIT
                         02 01 02 // INTEGER 2
                      02 01 05   // INTEGER 5
                      30 02      // SEQUENCE
                         05 00    // NULL`);

describe('parseDer', () => {
  it('returns each value with its tag, offset, header length, raw and content bytes', () => {
    const root = parseDer(SAMPLE);
    const rows = [root, ...root.children, ...root.children.flatMap((child) => child.children)].map((node) => ({
      tag: node.tag,
      offset: node.offset,
      headerLength: node.headerLength,
      raw: toHex(node.raw),
      content: toHex(node.content),
    }));
    expect(rows).toEqual([
      { tag: Tag.SEQUENCE, offset: 0, headerLength: 2, raw: toHex(SAMPLE), content: toHex(SAMPLE.subarray(2)) },
      { tag: contextTag(0), offset: 2, headerLength: 2, raw: 'a003020102', content: '020102' },
      { tag: Tag.INTEGER, offset: 7, headerLength: 2, raw: '020105', content: '05' },
      { tag: Tag.SEQUENCE, offset: 10, headerLength: 2, raw: '30020500', content: '0500' },
      { tag: Tag.INTEGER, offset: 4, headerLength: 2, raw: '020102', content: '02' },
      { tag: Tag.NULL, offset: 12, headerLength: 2, raw: '0500', content: '' },
    ]);
  });

  it('gives views into the input, not copies (the exact bytes a signature covers)', () => {
    const input = Uint8Array.from(SAMPLE);
    const integer = parseDer(input).children[1]!;
    expect(integer.raw.buffer).toBe(input.buffer);
    expect(integer.raw.byteOffset).toBe(input.byteOffset + 7);
  });

  it('keeps offsets relative to the buffer it was given, even a subarray', () => {
    const framed = new Uint8Array(4 + SAMPLE.length);
    framed.set(SAMPLE, 4);
    expect(parseDer(framed.subarray(4)).children[1]!.offset).toBe(7);
  });

  it('parses a primitive value with no children and an empty constructed one', () => {
    expect(parseDer(hex('02 01 05')).children).toEqual([]);
    expect(parseDer(hex('30 00')).children).toEqual([]);
  });
});

describe('SequenceReader', () => {
  it('takes required and optional components in order', () => {
    const fields = new SequenceReader(parseDer(SAMPLE), 'Sample');
    const version = fields.optional(contextTag(0));
    expect(version?.raw).toBeDefined();
    expect(fields.optional(contextTag(1))).toBeUndefined();
    expect(decodeInteger(fields.next(Tag.INTEGER, 'count'))).toBe(5n);
    expect(fields.hasMore).toBe(true);
    expect(fields.nextAny('rest').tag).toEqual(Tag.SEQUENCE);
    expect(fields.hasMore).toBe(false);
    expect(() => fields.end()).not.toThrow();
  });

  it.each([
    { name: 'a required component of another type', walk: (f: SequenceReader) => f.next(Tag.INTEGER, 'first'), code: 'UNEXPECTED_TAG' },
    { name: 'a component after the last', walk: (f: SequenceReader) => f.end(), code: 'UNEXPECTED_ELEMENT' },
    {
      name: 'a missing required component',
      walk: (f: SequenceReader) => {
        for (let i = 0; i < 4; i++) f.nextAny(`field${i}`);
      },
      code: 'MISSING_ELEMENT',
    },
  ])('rejects $name with $code', ({ walk, code }) => {
    expect(thrownCode(Asn1ParseError, () => walk(new SequenceReader(parseDer(SAMPLE), 'Sample')))).toBe(code);
  });

  it('names the structure and field in its messages', () => {
    const fields = new SequenceReader(parseDer(SAMPLE), 'Sample');
    expect(() => fields.next(Tag.INTEGER, 'version')).toThrow('asn1: Sample.version at offset 2: expected INTEGER, got [0] constructed');
  });
});
