/**
 * The inbound pipeline without a socket: fragmentation (RFC 6455 §5.4),
 * control frames between fragments, UTF-8 validation (§8.1), message size
 * limits (§10.4) and Close payloads (§5.5.1, §7.4), fed in every possible split.
 */
import { describe, expect, it } from 'vitest';
import { WebSocketError, type WebSocketErrorCode } from './errors.ts';
import { Opcode } from './frame.ts';
import { type InboundEvent, Receiver } from './receiver.ts';
import { FRAME_VECTORS } from './rfc6455-vectors.ts';
import { clientFrame, closePayload, concat } from './test-support.ts';

/** A frame limit above the message limit, so that the message limit is what these tests reach. */
const LIMITS = { maxMessageSize: 1000, maxFrameSize: 100_000 };

function receive(bytes: Uint8Array, options: { expectMasked?: boolean; chunk?: number } = {}): InboundEvent[] {
  const receiver = new Receiver({ expectMasked: options.expectMasked ?? true, ...LIMITS });
  const events: InboundEvent[] = [];
  const step = options.chunk ?? bytes.length;
  for (let at = 0; at < bytes.length; at += step) {
    receiver.push(bytes.subarray(at, at + step));
    for (let event = receiver.next(); event !== undefined; event = receiver.next()) events.push(event);
  }
  return events;
}

function failure(bytes: Uint8Array, expectMasked = true): WebSocketError {
  try {
    receive(bytes, { expectMasked });
  } catch (error) {
    if (error instanceof WebSocketError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('RFC 6455 §5.7 on a client receiver (unmasked server frames)', () => {
  it('joins the fragmented "Hel" + "lo" into one text message', () => {
    const wire = concat(FRAME_VECTORS[2]!.wire, FRAME_VECTORS[3]!.wire);
    for (const chunk of [1, 2, 3, wire.length]) {
      expect(receive(wire, { expectMasked: false, chunk })).toEqual([{ kind: 'message', message: { data: 'Hello', binary: false } }]);
    }
  });

  it('delivers a Ping between fragments at once (§5.4), before the message it interrupts', () => {
    const wire = concat(FRAME_VECTORS[2]!.wire, FRAME_VECTORS[4]!.wire, FRAME_VECTORS[3]!.wire);
    const events = receive(wire, { expectMasked: false, chunk: 1 });
    expect(events.map((event) => event.kind)).toEqual(['ping', 'message']);
    expect(Buffer.from((events[0] as { payload: Uint8Array }).payload).toString()).toBe('Hello');
  });

  it('reads the 256-byte and 64 KiB binary examples', () => {
    const receiver = new Receiver({ expectMasked: false, maxMessageSize: 1 << 20, maxFrameSize: 1 << 20 });
    for (const vector of FRAME_VECTORS.slice(6)) {
      receiver.push(vector.wire);
      const event = receiver.next();
      expect(event?.kind).toBe('message');
      const message = (event as { message: { data: Buffer; binary: boolean } }).message;
      expect(message.binary).toBe(true);
      expect(message.data.equals(Buffer.from(vector.payload))).toBe(true);
    }
  });
});

describe('server receiver (masked client frames)', () => {
  it('reads the masked "Hello" byte by byte', () => {
    expect(receive(FRAME_VECTORS[1]!.wire, { chunk: 1 })).toEqual([{ kind: 'message', message: { data: 'Hello', binary: false } }]);
  });

  it('decodes a character split across two fragments', () => {
    const euro = new TextEncoder().encode('€'); // e2 82 ac
    const wire = concat(clientFrame(Opcode.Text, euro.subarray(0, 1), false), clientFrame(Opcode.Continuation, euro.subarray(1)));
    expect(receive(wire)).toEqual([{ kind: 'message', message: { data: '€', binary: false } }]);
  });

  it('joins binary fragments, keeping empty ones', () => {
    const wire = concat(
      clientFrame(Opcode.Binary, Uint8Array.of(1, 2), false),
      clientFrame(Opcode.Continuation, new Uint8Array(0), false),
      clientFrame(Opcode.Continuation, Uint8Array.of(3)),
    );
    const [event] = receive(wire);
    expect(event).toEqual({ kind: 'message', message: { data: Buffer.from([1, 2, 3]), binary: true } });
  });

  it('reads a Close with status and reason, and an empty Close as 1005', () => {
    expect(receive(clientFrame(Opcode.Close, closePayload(1000, 'bye')))).toEqual([{ kind: 'close', code: 1000, reason: 'bye' }]);
    expect(receive(clientFrame(Opcode.Close, new Uint8Array(0)))).toEqual([{ kind: 'close', code: 1005, reason: '' }]);
  });
});

describe('what fails the connection, with its status code', () => {
  const badUtf8 = Uint8Array.of(0x48, 0xc3, 0x28);
  const cases: [string, Uint8Array, WebSocketErrorCode, number][] = [
    ['a continuation with no message open (§5.4)', clientFrame(Opcode.Continuation, 'x'), 'UNEXPECTED_CONTINUATION', 1002],
    ['a new text frame inside a fragmented message (§5.4)', concat(clientFrame(Opcode.Text, 'a', false), clientFrame(Opcode.Text, 'b')), 'MESSAGE_NOT_FINISHED', 1002],
    ['a binary frame inside a fragmented text message', concat(clientFrame(Opcode.Text, 'a', false), clientFrame(Opcode.Binary, 'b')), 'MESSAGE_NOT_FINISHED', 1002],
    ['invalid UTF-8 in a text message (§8.1)', clientFrame(Opcode.Text, badUtf8), 'INVALID_UTF8', 1007],
    ['invalid UTF-8 in the first fragment, before the message ends', clientFrame(Opcode.Text, badUtf8, false), 'INVALID_UTF8', 1007],
    ['a UTF-8 sequence left unfinished by the last fragment', concat(clientFrame(Opcode.Text, Uint8Array.of(0xe2, 0x82), false), clientFrame(Opcode.Continuation, '')), 'INVALID_UTF8', 1007],
    ['a UTF-16 surrogate encoded in UTF-8', clientFrame(Opcode.Text, Uint8Array.of(0xed, 0xa0, 0x80)), 'INVALID_UTF8', 1007],
    ['a message over maxMessageSize (§10.4)', clientFrame(Opcode.Binary, new Uint8Array(1001)), 'MESSAGE_TOO_BIG', 1009],
    ['fragments adding up to more than maxMessageSize', concat(clientFrame(Opcode.Binary, new Uint8Array(600), false), clientFrame(Opcode.Continuation, new Uint8Array(600))), 'MESSAGE_TOO_BIG', 1009],
    ['a single frame over maxFrameSize', clientFrame(Opcode.Binary, new Uint8Array(100_001)), 'FRAME_TOO_BIG', 1009],
    ['a Close payload of 1 byte (§5.5.1)', clientFrame(Opcode.Close, Uint8Array.of(0x03)), 'BAD_CLOSE_PAYLOAD', 1002],
    ['Close status 999 (§7.4)', clientFrame(Opcode.Close, closePayload(999)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 1004 (reserved)', clientFrame(Opcode.Close, closePayload(1004)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 1005 (must not be sent)', clientFrame(Opcode.Close, closePayload(1005)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 1006 (must not be sent)', clientFrame(Opcode.Close, closePayload(1006)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 1015 (must not be sent)', clientFrame(Opcode.Close, closePayload(1015)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 1016 (unassigned)', clientFrame(Opcode.Close, closePayload(1016)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 2999 (reserved for RFCs)', clientFrame(Opcode.Close, closePayload(2999)), 'BAD_CLOSE_CODE', 1002],
    ['Close status 5000 (out of range)', clientFrame(Opcode.Close, closePayload(5000)), 'BAD_CLOSE_CODE', 1002],
    ['a Close reason that is not UTF-8', clientFrame(Opcode.Close, concat(closePayload(1000), badUtf8)), 'INVALID_UTF8', 1007],
  ];
  it.each(cases)('%s', (_name, wire, code, closeCode) => {
    expect(failure(wire)).toMatchObject({ code, closeCode });
  });

  it('accepts every status a peer may send: 1000-1003, 1007-1014, 3000-4999', () => {
    for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) {
      expect(receive(clientFrame(Opcode.Close, closePayload(code)))).toEqual([{ kind: 'close', code, reason: '' }]);
    }
  });

  it('refuses an oversized message from its header, before the payload arrives', () => {
    const receiver = new Receiver({ expectMasked: true, ...LIMITS });
    receiver.push(clientFrame(Opcode.Binary, new Uint8Array(5000)).subarray(0, 8));
    expect(() => receiver.next()).toThrow(expect.objectContaining({ code: 'MESSAGE_TOO_BIG' }));
    expect(receiver.bufferedBytes).toBe(0);
  });

  it('keeps failing once failed: the stream has lost frame sync', () => {
    const receiver = new Receiver({ expectMasked: true, ...LIMITS });
    receiver.push(clientFrame(Opcode.Continuation, 'x'));
    expect(() => receiver.next()).toThrow(WebSocketError);
    receiver.push(clientFrame(Opcode.Text, 'fine'));
    expect(() => receiver.next()).toThrow(expect.objectContaining({ code: 'UNEXPECTED_CONTINUATION' }));
  });
});
