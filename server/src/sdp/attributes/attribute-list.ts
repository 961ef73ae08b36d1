/**
 * Reading and writing the ordered attribute list of a session or a media
 * section, raw (`getAttribute(media, 'mid')`) or through a typed codec
 * (`readAttributes(media, rtpmapAttribute)`).
 *
 * The writers change the section passed in and keep the position of what they
 * replace, so an answer built from an offer's section keeps the offer's order.
 */
import type { Attribute, HasAttributes } from '../session-description.ts';

/**
 * One attribute's value syntax: `parse` reads the text after `a=<name>:` and
 * throws SdpAttributeError if it is malformed; `serialize` writes it back.
 */
export interface AttributeCodec<T> {
  readonly name: string;
  parse(value: string): T;
  serialize(value: T): string;
}

export function attributeCodec<T>(name: string, parse: (value: string) => T, serialize: (value: T) => string): AttributeCodec<T> {
  return { name, parse, serialize };
}

/** The value of the first `a=<name>`: `''` for a flag without a value, `undefined` if absent. */
export function getAttribute(section: HasAttributes, name: string): string | undefined {
  const found = section.attributes.find((attribute) => attribute.name === name);
  return found === undefined ? undefined : (found.value ?? '');
}

/** The values of every `a=<name>`, in order. */
export function getAttributes(section: HasAttributes, name: string): string[] {
  return section.attributes.filter((attribute) => attribute.name === name).map((attribute) => attribute.value ?? '');
}

export function hasAttribute(section: HasAttributes, name: string): boolean {
  return section.attributes.some((attribute) => attribute.name === name);
}

/** Appends `a=<name>[:<value>]`. */
export function addAttribute(section: HasAttributes, name: string, value?: string): void {
  section.attributes.push(value === undefined ? { name } : { name, value });
}

/** Makes `a=<name>[:<value>]` the only one of its name: the first keeps its place, later ones go; appended if absent. */
export function setAttribute(section: HasAttributes, name: string, value?: string): void {
  const replacement: Attribute = value === undefined ? { name } : { name, value };
  const first = section.attributes.findIndex((attribute) => attribute.name === name);
  if (first < 0) {
    section.attributes.push(replacement);
    return;
  }
  section.attributes = section.attributes.filter((attribute, index) => index <= first || attribute.name !== name);
  section.attributes[first] = replacement;
}

export function removeAttributes(section: HasAttributes, name: string): void {
  section.attributes = section.attributes.filter((attribute) => attribute.name !== name);
}

/** Every `a=<codec.name>` parsed; throws SdpAttributeError on the first malformed one. */
export function readAttributes<T>(section: HasAttributes, codec: AttributeCodec<T>): T[] {
  return getAttributes(section, codec.name).map((value) => codec.parse(value));
}

/** The first `a=<codec.name>` parsed, or `undefined` if there is none. */
export function readAttribute<T>(section: HasAttributes, codec: AttributeCodec<T>): T | undefined {
  const value = getAttribute(section, codec.name);
  return value === undefined ? undefined : codec.parse(value);
}

/**
 * For attributes allowed at both levels (ICE credentials, fingerprint, setup):
 * the media section's own values if it has any, else the session's
 * (RFC 8839 §5.4, RFC 8122 §5, RFC 4145 §4).
 */
export function readInheritedAttributes<T>(media: HasAttributes, session: HasAttributes, codec: AttributeCodec<T>): T[] {
  return hasAttribute(media, codec.name) ? readAttributes(media, codec) : readAttributes(session, codec);
}

export function readInheritedAttribute<T>(media: HasAttributes, session: HasAttributes, codec: AttributeCodec<T>): T | undefined {
  return readAttribute(media, codec) ?? readAttribute(session, codec);
}

/** Appends `a=<codec.name>:<serialized value>`. */
export function appendAttribute<T>(section: HasAttributes, codec: AttributeCodec<T>, value: T): void {
  addAttribute(section, codec.name, codec.serialize(value));
}

/** Like `setAttribute`, with a typed value. */
export function writeAttribute<T>(section: HasAttributes, codec: AttributeCodec<T>, value: T): void {
  setAttribute(section, codec.name, codec.serialize(value));
}
