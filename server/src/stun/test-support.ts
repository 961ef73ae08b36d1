/**
 * Helpers for this package's tests: hex literals, and STUN messages assembled
 * by hand so that error tests do not depend on the serializer under test.
 * Test code only; nothing in the package imports it.
 */

/** Bytes from hex text; spaces and line breaks are ignored. */
export function fromHex(...lines: string[]): Uint8Array {
  return new Uint8Array(Buffer.from(lines.join('').replace(/\s+/g, ''), 'hex'));
}

export const TEST_TRANSACTION_ID = fromHex('000102030405060708090a0b');

/**
 * A STUN message with the given 14-bit type and raw attributes, each
 * `[type, value hex]`, zero-padded. The header length is computed unless given.
 */
export function rawMessage(type: number, attributes: readonly (readonly [number, string])[], length?: number): Uint8Array {
  const tlvs = attributes.map(([attributeType, valueHex]) => {
    const value = fromHex(valueHex);
    const tlv = new Uint8Array(4 + ((value.length + 3) & ~3));
    const view = new DataView(tlv.buffer);
    view.setUint16(0, attributeType);
    view.setUint16(2, value.length);
    tlv.set(value, 4);
    return tlv;
  });
  const bodyLength = tlvs.reduce((sum, tlv) => sum + tlv.length, 0);
  const out = new Uint8Array(20 + bodyLength);
  const view = new DataView(out.buffer);
  view.setUint16(0, type);
  view.setUint16(2, length ?? bodyLength);
  view.setUint32(4, 0x2112a442);
  out.set(TEST_TRANSACTION_ID, 8);
  let offset = 20;
  for (const tlv of tlvs) {
    out.set(tlv, offset);
    offset += tlv.length;
  }
  return out;
}

/** A Binding request carrying the given raw attributes. */
export function bindingRequestWith(...attributes: (readonly [number, string])[]): Uint8Array {
  return rawMessage(0x0001, attributes);
}
