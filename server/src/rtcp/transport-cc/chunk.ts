/**
 * One 16-bit packet status chunk in and out of the wire
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3, §3.1.4):
 *
 *     run length chunk                     status vector chunk
 *     |0| S |       Run Length        |    |1|S|       symbol list         |
 *
 * A vector's S is its symbol size: 0 for fourteen 1-bit symbols, 1 for seven 2-bit ones.
 */
import { RtcpParseError } from '../errors.ts';
import { checkUint } from '../wire.ts';
import { ONE_BIT_CAPACITY, type PacketChunk, StatusSymbol, TWO_BIT_CAPACITY } from './types.ts';

const VECTOR_BIT = 0x8000;
const TWO_BIT_SYMBOLS = 0x4000;
const RUN_LENGTH_MASK = 0x1fff;
const RESERVED_SYMBOL = 3;

function checkSymbol(value: number): StatusSymbol {
  if (value === RESERVED_SYMBOL) throw new RtcpParseError('BAD_STATUS_SYMBOL', 'rtcp: transport-cc status symbol 11 is reserved (§3.1.1)');
  return value as StatusSymbol;
}

export function decodeChunk(word: number): PacketChunk {
  if ((word & VECTOR_BIT) === 0) {
    return { type: 'run-length', symbol: checkSymbol((word >> 13) & 0x3), runLength: word & RUN_LENGTH_MASK };
  }
  if ((word & TWO_BIT_SYMBOLS) === 0) {
    const symbols = Array.from({ length: ONE_BIT_CAPACITY }, (_, i) => ((word >> (ONE_BIT_CAPACITY - 1 - i)) & 1) as StatusSymbol);
    return { type: 'status-vector', symbolSize: 1, symbols };
  }
  const symbols = Array.from({ length: TWO_BIT_CAPACITY }, (_, i) => checkSymbol((word >> (2 * (TWO_BIT_CAPACITY - 1 - i))) & 0x3));
  return { type: 'status-vector', symbolSize: 2, symbols };
}

/** A symbol that may be written: never the reserved 3, and at most 1 in a 1-bit vector. */
function writableSymbol(symbol: number, max: number): number {
  if (!Number.isInteger(symbol) || symbol < 0 || symbol > max) throw new RangeError(`rtcp: status symbol ${symbol} is not 0..${max}`);
  return symbol;
}

export function encodeChunk(chunk: PacketChunk): number {
  if (chunk.type === 'run-length') {
    checkUint('run length', chunk.runLength, 13);
    return (writableSymbol(chunk.symbol, StatusSymbol.LargeDelta) << 13) | chunk.runLength;
  }
  const capacity = chunk.symbolSize === 1 ? ONE_BIT_CAPACITY : TWO_BIT_CAPACITY;
  if (chunk.symbols.length !== capacity) {
    throw new RangeError(`rtcp: a ${chunk.symbolSize}-bit status vector holds ${capacity} symbols, got ${chunk.symbols.length}`);
  }
  let word = chunk.symbolSize === 1 ? VECTOR_BIT : VECTOR_BIT | TWO_BIT_SYMBOLS;
  chunk.symbols.forEach((symbol, i) => {
    // A 1-bit vector can only say "not received" or "received, small delta" (§3.1.4).
    word |= writableSymbol(symbol, chunk.symbolSize === 1 ? StatusSymbol.SmallDelta : StatusSymbol.LargeDelta) << (chunk.symbolSize * (capacity - 1 - i));
  });
  return word;
}
