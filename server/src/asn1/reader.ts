/**
 * Walks a DER buffer into a tree of nodes, each with its tag and exact byte
 * range (X.690 §8.1.1: identifier octets, length octets, contents octets).
 *
 *   +------------+--------+------------------------------+
 *   | identifier | length |           contents           |
 *   +------------+--------+------------------------------+
 *   ^ offset              ^ offset + headerLength
 *   |<-------------------- raw ------------------------->|
 *                         |<-------- content ----------->|
 *
 * A constructed value's contents are parsed into `children`, which must tile
 * them exactly; a primitive value's contents are left for the typed decoders
 * (integer.ts, oid.ts, …). Nothing is copied: `raw` and `content` are views
 * into the input, so signatures can be checked over the exact bytes received.
 */
import { Asn1ParseError } from './errors.ts';
import { readHeader, sameTag, tagName, type Asn1Tag } from './header.ts';

export interface Asn1Node {
  readonly tag: Asn1Tag;
  /** Where the identifier octet is, in the buffer given to parseDer or readNode. */
  readonly offset: number;
  readonly headerLength: number;
  /** Header and contents: a view into the parsed buffer. */
  readonly raw: Uint8Array;
  /** The contents octets: a view into the parsed buffer. */
  readonly content: Uint8Array;
  /** The values inside a constructed node, in order; empty for a primitive one. */
  readonly children: readonly Asn1Node[];
}

/** A certificate nests about eight deep; this bounds recursion on hostile input. */
export const MAX_DEPTH = 32;

/** Parses `bytes` as exactly one DER value; anything after it is `TRAILING_BYTES`. */
export function parseDer(bytes: Uint8Array): Asn1Node {
  const { value, bytesRead } = readNode(bytes, 0);
  if (bytesRead !== bytes.length) {
    throw new Asn1ParseError('TRAILING_BYTES', `asn1: ${bytes.length - bytesRead} bytes after the value at offset ${bytesRead}`);
  }
  return value;
}

/** Parses the one DER value at `offset`, for callers that have more data after it. */
export function readNode(bytes: Uint8Array, offset = 0): { value: Asn1Node; bytesRead: number } {
  const value = readNodeAt(bytes, offset, 0);
  return { value, bytesRead: value.raw.length };
}

function readNodeAt(bytes: Uint8Array, offset: number, depth: number): Asn1Node {
  if (depth > MAX_DEPTH) throw new Asn1ParseError('TOO_DEEP', `asn1: nested deeper than ${MAX_DEPTH} at offset ${offset}`);
  const { tag, headerLength, contentLength } = readHeader(bytes, offset);
  const contentStart = offset + headerLength;
  const end = contentStart + contentLength;
  if (end > bytes.length) {
    throw new Asn1ParseError(
      'TRUNCATED',
      `asn1: ${tagName(tag)} at offset ${offset} truncated (length ${contentLength} > ${bytes.length - contentStart} available)`,
    );
  }
  const children: Asn1Node[] = [];
  if (tag.constructed) {
    // Children may not run past their parent: they see the buffer cut at its end.
    const parent = bytes.subarray(0, end);
    for (let at = contentStart; at < end; ) {
      const child = readNodeAt(parent, at, depth + 1);
      children.push(child);
      at += child.raw.length;
    }
  }
  return {
    tag,
    offset,
    headerLength,
    raw: bytes.subarray(offset, end),
    content: bytes.subarray(contentStart, end),
    children,
  };
}

/** Throws `UNEXPECTED_TAG` unless `node` has exactly `tag` (class, P/C and number). */
export function expectTag(node: Asn1Node, tag: Asn1Tag, what: string): void {
  if (!sameTag(node.tag, tag)) {
    throw new Asn1ParseError(
      'UNEXPECTED_TAG',
      `asn1: ${what} at offset ${node.offset}: expected ${tagName(tag)}, got ${tagName(node.tag)}`,
    );
  }
}

/**
 * Reads a constructed node's components in the order an ASN.1 SEQUENCE lists
 * them: required ones with next(), OPTIONAL and DEFAULT ones with optional(),
 * then end() to reject components the definition does not have.
 */
export class SequenceReader {
  readonly #node: Asn1Node;
  readonly #what: string;
  #index = 0;

  /** `what` names the structure in messages: "tbsCertificate". */
  constructor(node: Asn1Node, what: string) {
    this.#node = node;
    this.#what = what;
  }

  /** The next component, which must be there and have `tag`. */
  next(tag: Asn1Tag, field: string): Asn1Node {
    const child = this.nextAny(field);
    expectTag(child, tag, `${this.#what}.${field}`);
    return child;
  }

  /** The next component whatever its tag (a CHOICE or ANY): the decoder checks it. */
  nextAny(field: string): Asn1Node {
    const child = this.#node.children[this.#index];
    if (child === undefined) {
      throw new Asn1ParseError(
        'MISSING_ELEMENT',
        `asn1: ${this.#what} at offset ${this.#node.offset} ends before ${field}`,
      );
    }
    this.#index++;
    return child;
  }

  /** The next component if it has `tag`, else undefined (and nothing is consumed). */
  optional(tag: Asn1Tag): Asn1Node | undefined {
    const child = this.#node.children[this.#index];
    if (child === undefined || !sameTag(child.tag, tag)) return undefined;
    this.#index++;
    return child;
  }

  /** True while components are left. */
  get hasMore(): boolean {
    return this.#index < this.#node.children.length;
  }

  /** Throws `UNEXPECTED_ELEMENT` if components are left. */
  end(): void {
    const extra = this.#node.children[this.#index];
    if (extra !== undefined) {
      throw new Asn1ParseError(
        'UNEXPECTED_ELEMENT',
        `asn1: ${this.#what} has an unexpected ${tagName(extra.tag)} at offset ${extra.offset}`,
      );
    }
  }
}
