/**
 * TCP options (RFC 9293 §3.1, §3.2): kind 0 (End of Option List) and 1 (No-Operation) are a
 * single byte; every other option is | kind | length (whole option) | data |. The options fill
 * the header up to the data offset; what follows an End of Option List is padding.
 *
 *   kind 2  length 4   Maximum Segment Size: 16 bits                        RFC 9293 §3.7.1
 *   kind 3  length 3   Window Scale: shift count                             RFC 7323 §2
 *   kind 4  length 2   SACK-Permitted                                        RFC 2018 §2
 *   kind 5  length 2+8n SACK: n blocks of left edge, right edge (32 bits)    RFC 2018 §3
 *   kind 8  length 10  Timestamps: TSval, TSecr (32 bits each)               RFC 7323 §3
 *
 * Linux's SYN carries "mss, sackOK, TS, nop, wscale"; later segments "nop, nop, TS".
 */
import { NetParseError } from './errors.ts';
import { checkField } from './field.ts';

export const TcpOptionKind = {
  END: 0,
  NOP: 1,
  MSS: 2,
  WINDOW_SCALE: 3,
  SACK_PERMITTED: 4,
  SACK: 5,
  TIMESTAMPS: 8,
} as const;

export interface SackBlock {
  readonly left: number;
  readonly right: number;
}

export type TcpOption =
  | { readonly kind: 'end' }
  | { readonly kind: 'nop' }
  | { readonly kind: 'mss'; readonly value: number }
  | { readonly kind: 'window-scale'; readonly shift: number }
  | { readonly kind: 'sack-permitted' }
  | { readonly kind: 'sack'; readonly blocks: readonly SackBlock[] }
  | { readonly kind: 'timestamps'; readonly value: number; readonly echoReply: number }
  | { readonly kind: 'unknown'; readonly type: number; readonly data: Uint8Array };

/** The option length each known kind must have (SACK: 2 + 8 per block). */
const FIXED_LENGTHS: Readonly<Record<number, number>> = {
  [TcpOptionKind.MSS]: 4,
  [TcpOptionKind.WINDOW_SCALE]: 3,
  [TcpOptionKind.SACK_PERMITTED]: 2,
  [TcpOptionKind.TIMESTAMPS]: 10,
};

function badOption(message: string): NetParseError {
  return new NetParseError('BAD_OPTION', `tcp: ${message}`);
}

function parseOption(type: number, body: Uint8Array, view: DataView): TcpOption {
  switch (type) {
    case TcpOptionKind.MSS:
      return { kind: 'mss', value: view.getUint16(0) };
    case TcpOptionKind.WINDOW_SCALE:
      return { kind: 'window-scale', shift: body[0]! };
    case TcpOptionKind.SACK_PERMITTED:
      return { kind: 'sack-permitted' };
    case TcpOptionKind.TIMESTAMPS:
      return { kind: 'timestamps', value: view.getUint32(0), echoReply: view.getUint32(4) };
    case TcpOptionKind.SACK: {
      const blocks: SackBlock[] = [];
      for (let i = 0; i < body.length; i += 8) blocks.push({ left: view.getUint32(i), right: view.getUint32(i + 4) });
      return { kind: 'sack', blocks };
    }
    default:
      return { kind: 'unknown', type, data: body };
  }
}

/** The options in `bytes` (the header from byte 20 to the data offset), in order, NOPs and the end included. */
export function parseTcpOptions(bytes: Uint8Array): TcpOption[] {
  const options: TcpOption[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const type = bytes[offset]!;
    if (type === TcpOptionKind.END) {
      options.push({ kind: 'end' });
      break;
    }
    if (type === TcpOptionKind.NOP) {
      options.push({ kind: 'nop' });
      offset++;
      continue;
    }
    if (offset + 1 >= bytes.length) throw badOption(`option kind ${type} at ${offset} has no length byte`);
    const length = bytes[offset + 1]!;
    // RFC 9293 MUST-7: an impossible length (0, 1, past the header) must not crash the receiver.
    if (length < 2 || offset + length > bytes.length) throw badOption(`option kind ${type} at ${offset} has length ${length}, ${bytes.length - offset} bytes left`);
    const fixed = FIXED_LENGTHS[type];
    if ((fixed !== undefined && length !== fixed) || (type === TcpOptionKind.SACK && (length < 10 || (length - 2) % 8 !== 0))) {
      throw badOption(`option kind ${type} cannot have length ${length}`);
    }
    const body = bytes.subarray(offset + 2, offset + length);
    options.push(parseOption(type, body, new DataView(body.buffer, body.byteOffset, body.byteLength)));
    offset += length;
  }
  return options;
}

function optionBytes(option: TcpOption): number[] {
  const u16 = (value: number): number[] => [value >> 8, value & 0xff];
  const u32 = (value: number): number[] => [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  switch (option.kind) {
    case 'end':
      return [TcpOptionKind.END];
    case 'nop':
      return [TcpOptionKind.NOP];
    case 'mss':
      return [TcpOptionKind.MSS, 4, ...u16(checkField('tcp', 'MSS', option.value, 16))];
    case 'window-scale':
      return [TcpOptionKind.WINDOW_SCALE, 3, checkField('tcp', 'window scale', option.shift, 8)];
    case 'sack-permitted':
      return [TcpOptionKind.SACK_PERMITTED, 2];
    case 'timestamps':
      return [TcpOptionKind.TIMESTAMPS, 10, ...u32(checkField('tcp', 'TSval', option.value, 32)), ...u32(checkField('tcp', 'TSecr', option.echoReply, 32))];
    case 'sack': {
      if (option.blocks.length === 0 || option.blocks.length > 4) throw new RangeError(`tcp: SACK carries 1 to 4 blocks, got ${option.blocks.length}`);
      const edges = option.blocks.flatMap((block) => [...u32(checkField('tcp', 'SACK left edge', block.left, 32)), ...u32(checkField('tcp', 'SACK right edge', block.right, 32))]);
      return [TcpOptionKind.SACK, 2 + 8 * option.blocks.length, ...edges];
    }
    case 'unknown':
      if (option.type <= TcpOptionKind.NOP || option.data.length > 253) throw new RangeError(`tcp: cannot write option kind ${option.type} with ${option.data.length} bytes`);
      return [checkField('tcp', 'option kind', option.type, 8), option.data.length + 2, ...option.data];
  }
}

/** The options in order, then zero bytes (End of Option List) up to a multiple of 4. */
export function serializeTcpOptions(options: readonly TcpOption[]): Uint8Array {
  const bytes = options.flatMap(optionBytes);
  const out = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  out.set(bytes);
  return out;
}
