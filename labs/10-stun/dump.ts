/**
 * `--hex`: a message's bytes, field by field, cut up by the reference solution of the exercise
 * (solutions/10-stun: decodeStunMessage), the way RFC 5769 prints its test vectors.
 */
import { AttributeType } from '#server/stun/index.ts';
import { decodeStunMessage } from '#solutions/10-stun/stun-codec.ts';
import { explainType } from './describe.ts';

/** 'XorMappedAddress' -> 'XOR-MAPPED-ADDRESS': the registry's names as the RFCs write them. */
const ATTRIBUTE_NAMES = new Map<number, string>(
  Object.entries(AttributeType).map(([name, type]) => [type, name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toUpperCase()]),
);

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const BYTES_PER_LINE = 16;

/** The lines of the dump, each indented by `indent`. */
export function dumpMessage(bytes: Uint8Array, indent = '    '): string[] {
  const message = decodeStunMessage(bytes);
  const lines = [
    `${hex(bytes.subarray(0, 4))}  type ${explainType(message.type)}, length ${message.length}`,
    `${hex(bytes.subarray(4, 8))}  magic cookie`,
    `${hex(bytes.subarray(8, 20))}  transaction id`,
  ];
  let offset = 20;
  for (const { type, value } of message.attributes) {
    const name = ATTRIBUTE_NAMES.get(type) ?? 'unknown';
    lines.push(`${hex(bytes.subarray(offset, offset + 4))}  ${name}, ${value.length} bytes`);
    for (let start = 0; start < value.length; start += BYTES_PER_LINE) {
      lines.push(`  ${hex(value.subarray(start, start + BYTES_PER_LINE))}`);
    }
    const padding = (4 - (value.length % 4)) % 4;
    const valueEnd = offset + 4 + value.length;
    if (padding > 0) lines.push(`  ${hex(bytes.subarray(valueEnd, valueEnd + padding))}  padding`);
    offset = valueEnd + padding;
  }
  return lines.map((line) => indent + line);
}
