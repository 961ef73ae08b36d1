/**
 * What an RTP packet cannot say about itself: which codec (and so which clock rate) its payload
 * type stands for, and which extension its header extension IDs stand for. Both are agreed in the
 * SDP (a=rtpmap, a=fmtp apt=, a=extmap). Without an SDP the inspector assumes Chromium's offer
 * (server/fixtures/chromium-156/sdp/clear-offer.sdp); with --sdp it reads them with the SFU's
 * SDP parser.
 */
import { readFileSync } from 'node:fs';
import { extmapAttribute, getCodecs, parseSessionDescription, readAttributes } from '#server/sdp/index.ts';

export interface PayloadFormat {
  readonly kind: string;
  /** The encoding name: opus, VP8, rtx, red, ... */
  readonly name: string;
  /** RTP timestamp ticks per second: what jitter and timestamps are counted in. */
  readonly clockRate: number;
  /** RTX only: the payload type it repairs (a=fmtp:<pt> apt=<original>). */
  readonly apt?: number;
}

export interface MediaMap {
  /** Where the map came from, for the table's title. */
  readonly source: string;
  readonly formats: ReadonlyMap<number, PayloadFormat>;
  /** Header extension ID to URI. */
  readonly extensions: ReadonlyMap<number, string>;
}

const AUDIO: ReadonlyArray<readonly [number, string, number]> = [
  [111, 'opus', 48000], [63, 'red', 48000], [9, 'G722', 8000], [0, 'PCMU', 8000], [8, 'PCMA', 8000],
  [13, 'CN', 8000], [110, 'telephone-event', 48000], [126, 'telephone-event', 8000],
];
/** Video payload type, codec, and the RTX payload type that repairs it. */
const VIDEO: ReadonlyArray<readonly [number, string, number | undefined]> = [
  [96, 'VP8', 97], [102, 'H264', 103], [104, 'H264', 107], [108, 'H264', 109], [114, 'H264', 115],
  [116, 'H264', 117], [39, 'H264', 40], [45, 'AV1', 46], [98, 'VP9', 99], [100, 'VP9', 101],
  [118, 'red', 119], [120, 'ulpfec', undefined],
];
const VIDEO_CLOCK_RATE = 90000;

/** Chromium's a=extmap IDs (the same in every section, video-only ones above 4). */
const CHROMIUM_EXTMAP: ReadonlyArray<readonly [number, string]> = [
  [1, 'urn:ietf:params:rtp-hdrext:ssrc-audio-level'],
  [2, 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time'],
  [3, 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01'],
  [4, 'urn:ietf:params:rtp-hdrext:sdes:mid'],
  [5, 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay'],
  [6, 'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type'],
  [7, 'http://www.webrtc.org/experiments/rtp-hdrext/video-timing'],
  [8, 'http://www.webrtc.org/experiments/rtp-hdrext/color-space'],
  [9, 'http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00'],
  [10, 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id'],
  [11, 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id'],
  [12, 'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension'],
  [13, 'urn:3gpp:video-orientation'],
  [14, 'urn:ietf:params:rtp-hdrext:toffset'],
];

export function chromiumMediaMap(): MediaMap {
  const formats = new Map<number, PayloadFormat>();
  for (const [pt, name, clockRate] of AUDIO) formats.set(pt, { kind: 'audio', name, clockRate });
  for (const [pt, name, rtx] of VIDEO) {
    formats.set(pt, { kind: 'video', name, clockRate: VIDEO_CLOCK_RATE });
    if (rtx !== undefined) formats.set(rtx, { kind: 'video', name: 'rtx', clockRate: VIDEO_CLOCK_RATE, apt: pt });
  }
  return { source: "Chromium's defaults (--sdp <file> reads an SDP's)", formats, extensions: new Map(CHROMIUM_EXTMAP) };
}

/** The payload types and extension IDs of every RTP section of an SDP file (later sections win). */
export function mediaMapFromSdp(file: string): MediaMap {
  const description = parseSessionDescription(readFileSync(file, 'utf8'));
  const formats = new Map<number, PayloadFormat>();
  const extensions = new Map<number, string>();
  for (const media of description.media) {
    for (const codec of getCodecs(media)) {
      const apt = Number.parseInt(codec.parameters.get('apt') ?? '', 10);
      formats.set(codec.payloadType, {
        kind: media.kind,
        name: codec.name,
        clockRate: codec.clockRate,
        ...(Number.isInteger(apt) ? { apt } : {}),
      });
    }
    for (const extmap of readAttributes(media, extmapAttribute)) extensions.set(extmap.id, extmap.uri);
  }
  return { source: file, formats, extensions };
}

/** "opus/48000", "rtx→96", or "PT 35?" for a payload type the map does not know. */
export function formatName(format: PayloadFormat | undefined, payloadType: number): string {
  if (format === undefined) return `PT ${payloadType}?`;
  if (format.apt !== undefined) return `${format.name}→${format.apt}`;
  return `${format.name}/${format.clockRate}`;
}
