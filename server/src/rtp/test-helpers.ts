/**
 * Test-only helpers for the RTP tests: bytes written as annotated hex, and the
 * clear RTP packets of the Chromium capture.
 */
import { readFixture } from '#fixtures/index.ts';
import { classifyDatagram } from '#server/demux/index.ts';
import { readCapture, udpDatagramsOf } from '#server/pcap/index.ts';
import { RtpParseError, type RtpErrorCode } from './errors.ts';

/**
 * Bytes from hex text, one field per line with `// notes`:
 *   hex(`90 60   // V=2, X=1
 *        12 34   // seq`)
 */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error(`test hex is not whole bytes: ${digits}`);
  return Uint8Array.from(Buffer.from(digits, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** The code of the RtpParseError `action` throws; any other error propagates. */
export function thrownCode(action: () => unknown): RtpErrorCode | 'nothing thrown' {
  try {
    action();
  } catch (error) {
    if (error instanceof RtpParseError) return error.code;
    throw error;
  }
  return 'nothing thrown';
}

let clearRtp: Uint8Array[] | undefined;

/** Every RTP datagram of pcap/clear-rtp-rtcp.pcapng (Chromium with --disable-webrtc-encryption), in capture order. */
export function clearCaptureRtpPackets(): Uint8Array[] {
  clearRtp ??= udpDatagramsOf(readCapture(readFixture('pcap/clear-rtp-rtcp.pcapng')))
    .map((datagram) => datagram.payload)
    .filter((payload) => classifyDatagram(payload) === 'rtp');
  return clearRtp;
}
