/**
 * RTP header extensions: the RFC 3550 §5.3.1 block, and the RFC 8285 one-byte
 * and two-byte element forms that WebRTC puts inside it (mid, rid, abs-send-time,
 * transport-wide-cc, dependency descriptor, ...).
 *
 * RFC 3550 §5.3.1 (the block; `length` counts 32-bit words after this word):
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |      defined by profile       |           length              |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        header extension                       |
 *   |                             ....                              |
 *
 * RFC 8285 §4.2, profile 0xBEDE       RFC 8285 §4.3, profile 0x100 | appbits
 *    0 1 2 3 4 5 6 7                     0                   1
 *   +-+-+-+-+-+-+-+-+                    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *   |  ID   |  len  |  len = bytes - 1  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   +-+-+-+-+-+-+-+-+                   |       ID      |     length    |
 *                                       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Element data are views into the received packet, never copies.
 * Serialization writes the elements in order and pads once at the end, so
 * padding that a sender put between elements (legal, RFC 8285 §4.1.2) is not
 * reproduced; the elements are. Chromium pads only at the end, so its packets
 * round-trip byte for byte.
 */
import type { RtpHeader } from './packet.ts';
import { RtpParseError, requireBytes } from './errors.ts';
import { checkRoom, checkUint, readU16, writeU16 } from './wire.ts';

/** RFC 8285 §4.2: "defined by profile" of the one-byte form. */
export const ONE_BYTE_PROFILE = 0xbede;
/** RFC 8285 §4.3: the top 12 bits of "defined by profile" of the two-byte form; the low 4 are appbits. */
export const TWO_BYTE_PROFILE = 0x1000;
const TWO_BYTE_PROFILE_MASK = 0xfff0;
const APP_BITS_MASK = 0x000f;
const EXTENSION_HEADER_SIZE = 4;
/** RFC 8285 §4.1.2: padding bytes are 0 in both forms and may sit between elements. */
const PADDING_BYTE = 0x00;
/** RFC 8285 §4.2: ID 15 is reserved; meeting it ends the block. */
const ONE_BYTE_RESERVED_ID = 15;
const ONE_BYTE_MAX_ID = 14;
const ONE_BYTE_MAX_DATA = 16;
const TWO_BYTE_MAX_ID = 255;
const TWO_BYTE_MAX_DATA = 255;

/** One RFC 8285 extension element: a local id (negotiated by a=extmap) and its data. */
export interface HeaderExtensionElement {
  id: number;
  /** A view into the packet; 1-16 bytes in the one-byte form, 0-255 in the two-byte form. */
  data: Uint8Array;
}

/** RFC 8285 §4.2: profile 0xBEDE; ids 1-14, 1-16 data bytes each. */
export interface OneByteHeaderExtension {
  kind: 'one-byte';
  elements: HeaderExtensionElement[];
}

/** RFC 8285 §4.3: profile 0x100X; ids 1-255, 0-255 data bytes each. */
export interface TwoByteHeaderExtension {
  kind: 'two-byte';
  /** The low 4 bits of the profile; RFC 8285 §4.3: SHOULD be 0, MUST be ignored unless signalled. */
  appBits: number;
  elements: HeaderExtensionElement[];
}

/** RFC 3550 §5.3.1: any other profile; its body is kept as an opaque view. */
export interface RawHeaderExtension {
  kind: 'raw';
  profile: number;
  /** A multiple of 4 bytes. */
  data: Uint8Array;
}

export type RtpHeaderExtension = OneByteHeaderExtension | TwoByteHeaderExtension | RawHeaderExtension;

/** Parses the extension block that starts at `offset` (its "defined by profile" word). */
export function parseHeaderExtension(
  bytes: Uint8Array,
  offset = 0,
): { value: RtpHeaderExtension; bytesRead: number } {
  requireBytes(bytes.length - offset, EXTENSION_HEADER_SIZE, 'header extension');
  const profile = readU16(bytes, offset);
  const bodySize = readU16(bytes, offset + 2) * 4;
  const start = offset + EXTENSION_HEADER_SIZE;
  const end = start + bodySize;
  if (end > bytes.length) {
    throw new RtpParseError(
      'EXTENSION_TOO_LONG',
      `rtp: header extension of ${bodySize} bytes runs past the packet (${bytes.length - start} left)`,
    );
  }
  const bytesRead = EXTENSION_HEADER_SIZE + bodySize;
  if (profile === ONE_BYTE_PROFILE) {
    return { value: { kind: 'one-byte', elements: parseElements('one-byte', bytes, start, end) }, bytesRead };
  }
  if ((profile & TWO_BYTE_PROFILE_MASK) === TWO_BYTE_PROFILE) {
    const elements = parseElements('two-byte', bytes, start, end);
    return { value: { kind: 'two-byte', appBits: profile & APP_BITS_MASK, elements }, bytesRead };
  }
  return { value: { kind: 'raw', profile, data: bytes.subarray(start, end) }, bytesRead };
}

function elementOverflow(id: number, size: number, left: number): RtpParseError {
  return new RtpParseError(
    'BAD_EXTENSION_ELEMENT',
    `rtp: extension element ${id} of ${size} bytes runs past the extension block (${left} left)`,
  );
}

/** RFC 8285 §4.1.2: elements are found byte by byte, skipping padding, until the end of the block. */
function parseElements(
  form: 'one-byte' | 'two-byte',
  bytes: Uint8Array,
  start: number,
  end: number,
): HeaderExtensionElement[] {
  const elements: HeaderExtensionElement[] = [];
  let i = start;
  while (i < end) {
    const first = bytes[i]!;
    if (first === PADDING_BYTE) {
      i++;
      continue;
    }
    let id: number;
    let size: number;
    let dataStart: number;
    if (form === 'one-byte') {
      id = first >> 4;
      // RFC 8285 §4.2: ID 15 ends processing of the whole block; §4.1.2: so does
      // ID 0 with a non-zero length. Only the elements before it count.
      if (id === ONE_BYTE_RESERVED_ID || id === 0) break;
      size = (first & 0x0f) + 1;
      dataStart = i + 1;
    } else {
      id = first;
      if (i + 2 > end) {
        throw new RtpParseError('BAD_EXTENSION_ELEMENT', `rtp: two-byte extension element ${id} has no length byte`);
      }
      size = bytes[i + 1]!;
      dataStart = i + 2;
    }
    if (dataStart + size > end) throw elementOverflow(id, size, end - dataStart);
    elements.push({ id, data: bytes.subarray(dataStart, dataStart + size) });
    i = dataStart + size;
  }
  return elements;
}

function bodySize(extension: RtpHeaderExtension): number {
  if (extension.kind === 'raw') return extension.data.length;
  const elementHeader = extension.kind === 'one-byte' ? 1 : 2;
  let size = 0;
  for (const element of extension.elements) size += elementHeader + element.data.length;
  return size;
}

/** Bytes the block takes on the wire: the 4-byte header plus the body padded to a 32-bit word. */
export function headerExtensionSize(extension: RtpHeaderExtension): number {
  return EXTENSION_HEADER_SIZE + ((bodySize(extension) + 3) & ~3);
}

function checkElement(kind: 'one-byte' | 'two-byte', element: HeaderExtensionElement): void {
  const oneByte = kind === 'one-byte';
  const maxId = oneByte ? ONE_BYTE_MAX_ID : TWO_BYTE_MAX_ID;
  const [minData, maxData] = oneByte ? [1, ONE_BYTE_MAX_DATA] : [0, TWO_BYTE_MAX_DATA];
  if (!Number.isInteger(element.id) || element.id < 1 || element.id > maxId) {
    throw new RangeError(`rtp: ${kind} extension element id must be in [1, ${maxId}], got ${element.id}`);
  }
  if (element.data.length < minData || element.data.length > maxData) {
    throw new RangeError(
      `rtp: ${kind} extension element ${element.id} needs ${minData}-${maxData} bytes, got ${element.data.length}`,
    );
  }
}

function profileOf(extension: RtpHeaderExtension): number {
  switch (extension.kind) {
    case 'one-byte':
      return ONE_BYTE_PROFILE;
    case 'two-byte':
      checkUint('two-byte extension appBits', extension.appBits, 4);
      return TWO_BYTE_PROFILE | extension.appBits;
    case 'raw':
      checkUint('header extension profile', extension.profile, 16);
      return extension.profile;
  }
}

/** Writes the block at `offset`; returns the bytes written (`headerExtensionSize`). */
export function serializeHeaderExtensionInto(extension: RtpHeaderExtension, buf: Uint8Array, offset: number): number {
  const size = headerExtensionSize(extension);
  checkRoom(buf, offset, size);
  checkUint('header extension length (words)', (size - EXTENSION_HEADER_SIZE) / 4, 16);
  writeU16(buf, offset, profileOf(extension));
  writeU16(buf, offset + 2, (size - EXTENSION_HEADER_SIZE) / 4);
  let i = offset + EXTENSION_HEADER_SIZE;
  if (extension.kind === 'raw') {
    if (extension.data.length % 4 !== 0) {
      throw new RangeError(`rtp: raw header extension data must be whole 32-bit words, got ${extension.data.length} bytes`);
    }
    buf.set(extension.data, i);
    return size;
  }
  for (const element of extension.elements) {
    checkElement(extension.kind, element);
    if (extension.kind === 'one-byte') {
      buf[i++] = (element.id << 4) | (element.data.length - 1);
    } else {
      buf[i++] = element.id;
      buf[i++] = element.data.length;
    }
    buf.set(element.data, i);
    i += element.data.length;
  }
  buf.fill(PADDING_BYTE, i, offset + size);
  return size;
}

/** The data of element `id`, or undefined when the packet does not carry it. */
export function getHeaderExtension(header: Pick<RtpHeader, 'extension'>, id: number): Uint8Array | undefined {
  const extension = header.extension;
  if (extension === undefined || extension.kind === 'raw') return undefined;
  for (const element of extension.elements) {
    if (element.id === id) return element.data;
  }
  return undefined;
}

function fitsOneByte(id: number, data: Uint8Array): boolean {
  return id <= ONE_BYTE_MAX_ID && data.length >= 1 && data.length <= ONE_BYTE_MAX_DATA;
}

/**
 * Sets element `id` to `data`, replacing an element with that id or appending.
 * A packet without extensions gets the one-byte form when the element fits it,
 * else the two-byte form. A one-byte block that the element does not fit is
 * switched to the two-byte form, as Chromium does for a long dependency
 * descriptor: a receiver accepts that only if a=extmap-allow-mixed was
 * negotiated (RFC 8285 §6), so without it keep ids ≤ 14 and data 1-16 bytes.
 */
export function setHeaderExtension(header: Pick<RtpHeader, 'extension'>, id: number, data: Uint8Array): void {
  if (!Number.isInteger(id) || id < 1 || id > TWO_BYTE_MAX_ID) {
    throw new RangeError(`rtp: extension element id must be in [1, ${TWO_BYTE_MAX_ID}], got ${id}`);
  }
  if (data.length > TWO_BYTE_MAX_DATA) {
    throw new RangeError(`rtp: extension element ${id} data must be at most ${TWO_BYTE_MAX_DATA} bytes, got ${data.length}`);
  }
  let extension = header.extension;
  if (extension?.kind === 'raw') {
    const profile = extension.profile.toString(16).padStart(4, '0');
    throw new TypeError(`rtp: header extension profile 0x${profile} is not RFC 8285, cannot set element ${id}`);
  }
  if (extension === undefined) {
    extension = fitsOneByte(id, data) ? { kind: 'one-byte', elements: [] } : { kind: 'two-byte', appBits: 0, elements: [] };
    header.extension = extension;
  } else if (extension.kind === 'one-byte' && !fitsOneByte(id, data)) {
    extension = { kind: 'two-byte', appBits: 0, elements: extension.elements };
    header.extension = extension;
  }
  // Replace the element object rather than mutating it: a clone of this packet may share it.
  const index = extension.elements.findIndex((element) => element.id === id);
  if (index === -1) extension.elements.push({ id, data });
  else extension.elements[index] = { id, data };
}

/**
 * Removes every element with `id`; returns whether one was there. Removing the
 * last element drops the block (and so the X bit): an empty block is 4 wasted bytes.
 */
export function removeHeaderExtension(header: Pick<RtpHeader, 'extension'>, id: number): boolean {
  const extension = header.extension;
  if (extension === undefined || extension.kind === 'raw') return false;
  const kept = extension.elements.filter((element) => element.id !== id);
  if (kept.length === extension.elements.length) return false;
  extension.elements = kept;
  if (kept.length === 0) header.extension = undefined;
  return true;
}

/** A copy whose element list can be changed without touching `extension` (data views are shared). */
export function cloneHeaderExtension(extension: RtpHeaderExtension): RtpHeaderExtension {
  if (extension.kind === 'raw') return { ...extension };
  return { ...extension, elements: extension.elements.map((element) => ({ ...element })) };
}
