/**
 * RFC 8285 header extension elements, named by the URI their ID was negotiated for, with the
 * values of the ones Chromium sends decoded. The elements themselves come from the SFU's RTP
 * parser (server/src/rtp/header-extensions.ts); only the meaning of their bytes is here.
 */
import type { HeaderExtensionElement, RtpHeader } from '#server/rtp/index.ts';

interface KnownExtension {
  readonly name: string;
  readonly decode?: (data: Uint8Array) => string;
}

const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');
const unsigned = (data: Uint8Array): number => data.reduce((value, byte) => value * 256 + byte, 0);

const KNOWN: Readonly<Record<string, KnownExtension>> = {
  // RFC 6464: V (voice activity) bit, then the level in -dBov (0 loudest, 127 silence).
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level': {
    name: 'level',
    decode: (d) => `-${(d[0] ?? 0) & 0x7f}dBov${(d[0] ?? 0) & 0x80 ? ' voice' : ''}`,
  },
  // 24 bits, 6.18 fixed-point seconds of the sender's clock at send time (wraps every 64 s).
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time': { name: 'abs-send-time', decode: (d) => `${(unsigned(d) / 2 ** 18).toFixed(4)}s` },
  // 16-bit sequence number shared by every stream of the transport: what transport-cc feedback reports on.
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01': { name: 'twcc', decode: (d) => String(unsigned(d)) },
  'urn:ietf:params:rtp-hdrext:sdes:mid': { name: 'mid', decode: text },
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id': { name: 'rid', decode: text },
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id': { name: 'repaired-rid', decode: text },
  'urn:ietf:params:rtp-hdrext:toffset': { name: 'toffset', decode: (d) => String(((unsigned(d) << 8) >> 8)) },
  // 3GPP TS 26.114: the low two bits are the rotation in quarter turns.
  'urn:3gpp:video-orientation': { name: 'orientation', decode: (d) => `${((d[0] ?? 0) & 3) * 90}°` },
  'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay': { name: 'playout-delay' },
  'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type': { name: 'content-type' },
  'http://www.webrtc.org/experiments/rtp-hdrext/video-timing': { name: 'video-timing' },
  'http://www.webrtc.org/experiments/rtp-hdrext/color-space': { name: 'color-space' },
  'http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00': { name: 'layers' },
  'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension': { name: 'dd' },
};

function known(id: number, extensions: ReadonlyMap<number, string>): KnownExtension | undefined {
  const uri = extensions.get(id);
  return uri === undefined ? undefined : KNOWN[uri];
}

/** The short name of extension `id` ("twcc"), or "ext<id>" when the map does not know it. */
export function extensionName(id: number, extensions: ReadonlyMap<number, string>): string {
  return known(id, extensions)?.name ?? `ext${id}`;
}

/** The elements of a header, in order. Empty without an extension or for a non-RFC 8285 profile. */
export function elementsOf(header: Pick<RtpHeader, 'extension'>): readonly HeaderExtensionElement[] {
  const extension = header.extension;
  return extension === undefined || extension.kind === 'raw' ? [] : extension.elements;
}

/** "mid=0 abs-send-time=58.1678s twcc=1 level=-127dBov": every element, decoded where known. */
export function describeExtensions(header: Pick<RtpHeader, 'extension'>, extensions: ReadonlyMap<number, string>): string {
  return elementsOf(header)
    .map(({ id, data }) => {
      const extension = known(id, extensions);
      const value = extension?.decode?.(data) ?? `${Buffer.from(data).toString('hex')}`;
      return `${extension?.name ?? `ext${id}`}=${value}`;
    })
    .join(' ');
}
