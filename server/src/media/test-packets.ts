/**
 * Test-only helpers: RTP packets built from a few fields, and the facts of
 * the clear Chromium capture (fixtures/chromium-156/sdp/clear-offer.sdp)
 * that the media tests bind against.
 */
import { readFixture } from '#fixtures/index.ts';
import { parseRtpPacket, type HeaderExtensionElement, type RtpPacket } from '../rtp/index.ts';

export interface PacketFields {
  readonly ssrc?: number;
  readonly sequenceNumber?: number;
  readonly timestamp?: number;
  readonly payloadType?: number;
  readonly marker?: boolean;
  /** [id, data] pairs, one-byte form. */
  readonly extensions?: readonly (readonly [number, Uint8Array | string])[];
  readonly payload?: Uint8Array;
  readonly paddingSize?: number;
}

const encoder = new TextEncoder();

export function rtpPacket(fields: PacketFields = {}): RtpPacket {
  const elements: HeaderExtensionElement[] = (fields.extensions ?? []).map(([id, data]) => ({
    id,
    data: typeof data === 'string' ? encoder.encode(data) : data,
  }));
  return {
    marker: fields.marker ?? false,
    payloadType: fields.payloadType ?? 96,
    sequenceNumber: fields.sequenceNumber ?? 1000,
    timestamp: fields.timestamp ?? 90_000,
    ssrc: fields.ssrc ?? 0x1111,
    csrcs: [],
    extension: elements.length === 0 ? undefined : { kind: 'one-byte', elements },
    payload: fields.payload ?? vp8Payload(false),
    paddingSize: fields.paddingSize ?? 0,
  };
}

/** A VP8 payload: descriptor (X=1, S=1, PID=0, I=1, 7-bit PictureID) and the payload header's P bit (0 = key frame). */
export function vp8Payload(keyframe: boolean, pictureId = 1): Uint8Array {
  return Uint8Array.of(0x90, 0x80, pictureId & 0x7f, keyframe ? 0x00 : 0x01, 0xaa, 0xbb);
}

/** Facts of sdp/clear-offer.sdp, which the rtp-clear/*.rtp.bin packets follow. */
export const CLEAR = {
  audio: { mid: '0', ssrc: 92727525, payloadType: 111 },
  video: { mid: '1', ssrc: 861255495, payloadType: 96, rtxSsrc: 3439070694, rtxPayloadType: 97 },
  extensionIds: { audioLevel: 1, absSendTime: 2, transportWideCc: 3, mid: 4 },
} as const;

export function clearFixture(name: string): RtpPacket {
  return parseRtpPacket(new Uint8Array(readFixture(`rtp-clear/${name}`)));
}

/** A clock the test moves by hand (ms). */
export function manualNow(startMs = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void; set: (ms: number) => void } {
  let value = startMs;
  return {
    now: () => value,
    advance: (ms) => {
      value += ms;
    },
    set: (ms) => {
      value = ms;
    },
  };
}
