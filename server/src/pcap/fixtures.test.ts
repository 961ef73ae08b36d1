/**
 * The Chromium fixtures' manifest names, for every extracted datagram, the
 * capture and the Wireshark frame number it came from. Reading those frames
 * with our reader must give back exactly the extracted bytes: an independent
 * check of the pcapng reader and the link/IP/UDP decoder against tshark.
 */
import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureText } from '#fixtures/index.ts';
import { readCapture } from './read-capture.ts';
import { udpDatagramOf } from './udp-datagram.ts';

interface ManifestEntry {
  readonly capture?: string;
  readonly frame?: number;
  readonly bytes?: number;
  readonly description?: string;
}

const manifest = JSON.parse(readFixtureText('manifest.json')) as Record<string, ManifestEntry>;
const framed = Object.entries(manifest).filter(
  // Decrypted copies cite the frame they were decrypted from but are not its bytes.
  ([file, entry]) =>
    file.endsWith('.bin') && !/decrypted/i.test(`${file} ${entry.description}`) && entry.capture?.endsWith('.pcapng') && entry.frame !== undefined,
);
const captures = [...new Set(framed.map(([, entry]) => entry.capture!))];

describe('Chromium captures', () => {
  it('has manifest entries to check', () => {
    expect(framed.length).toBeGreaterThan(50);
  });

  for (const capture of captures) {
    describe(capture, () => {
      const packets = readCapture(readFixture(capture));

      it('reads every packet, in time order, all UDP on loopback', () => {
        expect(packets.length).toBeGreaterThan(100);
        for (let i = 1; i < packets.length; i++) expect(packets[i]!.timestampUs).toBeGreaterThanOrEqual(packets[i - 1]!.timestampUs);
        const first = udpDatagramOf(packets[0]!);
        expect(first.source.address).toMatch(/^127\.|^::1$/);
        // The captures were made in late 2026 (fixtures README).
        expect(new Date(packets[0]!.timestampUs / 1000).getUTCFullYear()).toBe(2026);
      });

      for (const [file, entry] of framed.filter(([, e]) => e.capture === capture)) {
        it(`frame ${entry.frame} is ${file}`, () => {
          const packet = packets[entry.frame! - 1];
          expect(packet, `frame ${entry.frame} exists`).toBeDefined();
          expect(Buffer.from(udpDatagramOf(packet!).payload).equals(readFixture(file))).toBe(true);
        });
      }
    });
  }
});
