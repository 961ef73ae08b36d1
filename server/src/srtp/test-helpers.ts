/**
 * Test-only helpers for the SRTP tests: the error code an action throws, a
 * small RTP/RTCP packet builder, and the master keys of the decryptable
 * Chromium capture.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { SrtpError, type SrtpErrorCode } from './errors.ts';
import type { SrtpMasterKey } from './keying-material.ts';

export { hex, toHex } from '../rtp/test-helpers.ts';

/** The code of the SrtpError `action` throws; any other error propagates. */
export function thrownCode(action: () => unknown): SrtpErrorCode | 'nothing thrown' {
  try {
    action();
  } catch (error) {
    if (error instanceof SrtpError) return error.code;
    throw error;
  }
  return 'nothing thrown';
}

/** A V=2 RTP packet: PT 96, the given SEQ/SSRC, optional CSRCs and a one-byte extension block, then `payload`. */
export function rtpPacket(options: {
  sequenceNumber: number;
  ssrc?: number;
  payload?: Uint8Array;
  csrcs?: number[];
  extension?: boolean;
}): Buffer {
  const csrcs = options.csrcs ?? [];
  const extension = options.extension ? Buffer.from('bede0001' + '10ab0000', 'hex') : Buffer.alloc(0);
  const payload = options.payload ?? Buffer.from('the payload, encrypted on the wire');
  const header = Buffer.alloc(12 + csrcs.length * 4);
  header[0] = 0x80 | (options.extension ? 0x10 : 0) | csrcs.length;
  header[1] = 96;
  header.writeUInt16BE(options.sequenceNumber, 2);
  header.writeUInt32BE(options.sequenceNumber * 960, 4);
  header.writeUInt32BE(options.ssrc ?? 0x11223344, 8);
  csrcs.forEach((csrc, i) => header.writeUInt32BE(csrc, 12 + i * 4));
  return Buffer.concat([header, extension, payload]);
}

/** An RTCP receiver report (RC=0) from `ssrc` followed by `extra` bytes of a second packet's worth. */
export function rtcpPacket(ssrc = 0x55667788, extra: Uint8Array = Buffer.from('81ca00025566778801016100', 'hex')): Buffer {
  const header = Buffer.from('80c90001', 'hex');
  const sender = Buffer.alloc(4);
  sender.writeUInt32BE(ssrc);
  return Buffer.concat([header, sender, extra]);
}

interface KeysJson {
  client_write_master_key: string;
  client_write_master_salt: string;
  server_write_master_key: string;
  server_write_master_salt: string;
  client_random: string;
  server_random: string;
  master_secret: string;
}

export const CHROMIUM_SRTP_DIR = 'srtp-dtls12-decryptable';

/** srtp-keys.json, whose note says Chromium (the DTLS client) sends with the client_write key and salt. */
export function chromiumKeys(): KeysJson & { chromium: SrtpMasterKey; peer: SrtpMasterKey } {
  const json = JSON.parse(readFixtureText(`${CHROMIUM_SRTP_DIR}/srtp-keys.json`)) as KeysJson;
  const key = (text: string): Buffer => Buffer.from(text, 'hex');
  return {
    ...json,
    chromium: { masterKey: key(json.client_write_master_key), masterSalt: key(json.client_write_master_salt) },
    peer: { masterKey: key(json.server_write_master_key), masterSalt: key(json.server_write_master_salt) },
  };
}
