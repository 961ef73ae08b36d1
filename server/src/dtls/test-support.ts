/**
 * Test helpers: the Chromium 156 DTLS fixtures as records and reassembled
 * handshake messages, and the openssl keylogs. Used only by *.test.ts.
 */
import { listFixtures, readFixture, readFixtureText } from '#fixtures/index.ts';
import { type HandshakeMessage, parseHandshakeFragments } from './messages/handshake-header.ts';
import { HandshakeReassembler } from './messages/reassembler.ts';
import { ContentType } from './record/content-type.ts';
import { type DtlsRecord, parseRecords } from './record/record.ts';

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFixture(path));
}

/** Every datagram fixture (not the *.decrypted.bin plaintexts) in a DTLS fixture folder. */
export function datagramFixtures(folder: string): string[] {
  return listFixtures(folder).filter((path) => path.endsWith('.bin') && !path.endsWith('.decrypted.bin'));
}

export function fixtureRecords(path: string): DtlsRecord[] {
  return parseRecords(fixtureBytes(path));
}

/**
 * The complete handshake messages one side sent in the given datagrams (epoch-0
 * handshake records only), reassembled from `nextMessageSeq` on.
 */
export function sentMessages(paths: readonly string[], nextMessageSeq: number): HandshakeMessage[] {
  const reassembler = new HandshakeReassembler({ nextMessageSeq });
  const messages: HandshakeMessage[] = [];
  for (const path of paths) {
    for (const record of fixtureRecords(path)) {
      if (record.contentType !== ContentType.Handshake || record.epoch !== 0) continue;
      for (const fragment of parseHandshakeFragments(record.fragment)) reassembler.push(fragment);
    }
    for (let message = reassembler.pop(); message !== undefined; message = reassembler.pop()) messages.push(message);
  }
  return messages;
}

/** NSS key log lines `CLIENT_RANDOM <hex random> <hex master secret>` (README: keylog/). */
export function readKeylog(path: string): Map<string, Uint8Array> {
  const secrets = new Map<string, Uint8Array>();
  for (const line of readFixtureText(path).split('\n')) {
    const [label, random, secret] = line.trim().split(/\s+/);
    if (label === 'CLIENT_RANDOM' && random !== undefined && secret !== undefined) secrets.set(random.toLowerCase(), hexBytes(secret));
  }
  return secrets;
}

export function hexBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
