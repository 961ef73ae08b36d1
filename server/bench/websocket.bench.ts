/**
 * The WebSocket receive and send paths on a 16 KiB message (a large SDP offer
 * with candidates), against the simplest thing that touches every byte once:
 * unmasking byte by byte, as RFC 6455 §5.3 writes the formula. masking.ts
 * XORs 32-bit words; the receiver also parses the header, copies the payload
 * out of the chunk and validates the text as UTF-8.
 */
import { Opcode, Receiver, applyMask, serializeFrame } from '../src/websocket/index.ts';
import { measure, type BenchSection } from './harness.ts';

export const name = 'websocket';

const SIZE = 16 * 1024;
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const TEXT = 'a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0\r\n'.repeat(Math.ceil(SIZE / 64)).slice(0, SIZE);
const PAYLOAD = new TextEncoder().encode(TEXT);
const MASKED_FRAME = serializeFrame({ fin: true, opcode: Opcode.Text, maskingKey: KEY, payload: PAYLOAD });
const SMALL_FRAMES = Buffer.concat(
  Array.from({ length: 64 }, (_, i) => serializeFrame({ fin: true, opcode: Opcode.Text, maskingKey: KEY, payload: new TextEncoder().encode(`{"v":1,"type":"request","id":${i},"method":"leave","data":{}}`) })),
);

function maskByBytes(data: Uint8Array, key: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i]! ^= key[i & 3]!;
}

export async function run(): Promise<BenchSection> {
  const scratch = Uint8Array.from(PAYLOAD);
  const receiver = new Receiver({ expectMasked: true, maxMessageSize: 1 << 20, maxFrameSize: 1 << 20 });
  const baseline = 'unmask 16 KiB byte by byte (RFC 6455 §5.3 as written)';
  const results = measure(
    [
      { name: baseline, op: () => maskByBytes(scratch, KEY) },
      { name: 'applyMask 16 KiB (32-bit words)', op: () => applyMask(scratch, KEY) },
      {
        name: 'Receiver: one masked 16 KiB text frame → string',
        op: () => {
          receiver.push(MASKED_FRAME);
          return receiver.next();
        },
      },
      { name: 'serializeFrame: 16 KiB, server side (unmasked)', op: () => serializeFrame({ fin: true, opcode: Opcode.Text, maskingKey: undefined, payload: PAYLOAD }) },
      { name: 'serializeFrame: 16 KiB, client side (masked)', op: () => serializeFrame({ fin: true, opcode: Opcode.Text, maskingKey: KEY, payload: PAYLOAD }) },
      {
        name: 'Receiver: 64 small signaling frames in one chunk',
        op: () => {
          receiver.push(SMALL_FRAMES);
          let last;
          for (let event = receiver.next(); event !== undefined; event = receiver.next()) last = event;
          return last;
        },
      },
    ],
    { rounds: 7, batchMs: 100 },
  );
  return {
    title: `WebSocket: masking, parsing and serializing a ${SIZE / 1024} KiB message`,
    baseline,
    unit: 'ops',
    results,
    notes: [
      'throughput vs baseline > 1 means faster than unmasking the same 16 KiB one byte at a time; compare ratios, not ns (shared, noisy machine).',
      'The receiver case includes the header checks, the copy out of the socket chunk, unmasking and strict UTF-8 decoding; the last case is 64 frames per op.',
    ],
  };
}
