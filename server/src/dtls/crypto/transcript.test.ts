/** The handshake transcript (RFC 6347 §4.2.6) and HelloVerifyRequest cookies (§4.2.1). */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ClientHello } from '../messages/client-hello.ts';
import { fragmentHandshakeMessage } from '../messages/fragmentation.ts';
import { HandshakeReassembler } from '../messages/reassembler.ts';
import { computeHelloCookie, verifyHelloCookie } from './cookie.ts';
import { HandshakeTranscript } from './transcript.ts';

describe('HandshakeTranscript', () => {
  const message = { msgType: 1, messageSeq: 1, body: Uint8Array.from({ length: 40 }, (_, i) => i) };

  it('hashes each message as one fragment: 12-byte header with message_seq, offset 0, fragment_length = length', () => {
    const transcript = new HandshakeTranscript();
    transcript.add(message);
    const header = [1, 0, 0, 40, 0, 1, 0, 0, 0, 0, 0, 40];
    expect(transcript.bytes()).toEqual(Uint8Array.of(...header, ...message.body));
    expect(transcript.hash('sha256')).toEqual(new Uint8Array(createHash('sha256').update(transcript.bytes()).digest()));
  });

  it('is the same however the message was fragmented on the wire (reassembled, then added)', () => {
    const whole = new HandshakeTranscript();
    whole.add(message);
    const reassembler = new HandshakeReassembler({ nextMessageSeq: 1 });
    for (const fragment of fragmentHandshakeMessage(message, 7).reverse()) reassembler.push(fragment);
    const pieced = new HandshakeTranscript();
    pieced.add(reassembler.pop()!);
    expect(pieced.bytes()).toEqual(whole.bytes());
  });

  it('reset() empties it (after a HelloVerifyRequest the transcript restarts)', () => {
    const transcript = new HandshakeTranscript();
    transcript.add(message);
    transcript.reset();
    expect(transcript.messageCount).toBe(0);
    expect(transcript.hash('sha384')).toEqual(new Uint8Array(createHash('sha384').digest()));
  });
});

describe('HelloVerifyRequest cookies', () => {
  const secret = new Uint8Array(32).fill(7);
  const hello: ClientHello = {
    kind: 'client_hello',
    clientVersion: 0xfefd,
    random: new Uint8Array(32).fill(9),
    sessionId: new Uint8Array(0),
    cookie: new Uint8Array(0),
    cipherSuites: [0xc02b],
    compressionMethods: [0],
    extensions: [{ kind: 'extended_master_secret' }],
  };

  it('verifies the cookie it issued when the client repeats its hello with the cookie added', () => {
    const cookie = computeHelloCookie(secret, '192.0.2.1:5000', hello);
    expect(cookie.length).toBe(32);
    expect(verifyHelloCookie(secret, '192.0.2.1:5000', { ...hello, cookie })).toBe(true);
  });

  it.each([
    { name: 'another address', address: '192.0.2.2:5000', change: {} },
    { name: 'another random', address: '192.0.2.1:5000', change: { random: new Uint8Array(32) } },
    { name: 'other cipher suites', address: '192.0.2.1:5000', change: { cipherSuites: [0xcca9] } },
    { name: 'no cookie', address: '192.0.2.1:5000', change: { cookie: new Uint8Array(0) } },
  ])('rejects it for $name', ({ address, change }) => {
    const cookie = computeHelloCookie(secret, '192.0.2.1:5000', hello);
    expect(verifyHelloCookie(secret, address, { ...hello, cookie, ...change })).toBe(false);
  });
});
