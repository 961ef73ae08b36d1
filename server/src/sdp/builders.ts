/**
 * Building descriptions for offers and answers from typed values. The defaults
 * follow RFC 8829 §5.2.1 (JSEP initial offers), so an SFU only passes what is
 * specific to the peer:
 *
 *   const answer = createSessionDescription({ attributes: [{ name: 'ice-lite' }] });
 *   const audio = addMediaSection(answer, { kind: 'audio', mid: '0', direction: 'recvonly' });
 *   addCodec(audio, { payloadType: 111, name: 'opus', clockRate: 48000, channels: 2 });
 *   setBundleGroup(answer, ['0']);
 *   serializeSessionDescription(answer);
 */
import { randomBytes } from 'node:crypto';
import { type Direction, setDirection } from './attributes/direction.ts';
import { groupAttribute, serializeGroup } from './attributes/group.ts';
import type { Attribute, Connection, LineEnding, MediaDescription, SessionDescription } from './session-description.ts';

export interface SessionOptions {
  /** Default: random, below 2^63 as RFC 8829 §5.2.1 requires. */
  sessionId?: bigint;
  /** Default 0; RFC 3264 §8 has it go up by one for each new offer or answer. */
  sessionVersion?: bigint;
  /** Default `-` (RFC 8829 §5.2.1). */
  username?: string;
  /** Default `IN IP4 0.0.0.0`: RFC 8829 §5.2.1 asks for a non-meaningful address so o= leaks nothing. */
  originAddress?: Connection;
  /** Default `-` (RFC 8829 §5.2.1). */
  sessionName?: string;
  attributes?: Attribute[];
  media?: MediaDescription[];
  lineEnding?: LineEnding;
}

const UNSPECIFIED: Connection = { netType: 'IN', addressType: 'IP4', address: '0.0.0.0' };

/** A session with `t=0 0` (RFC 8829 §5.2.1) and the given attributes and sections. */
export function createSessionDescription(options: SessionOptions = {}): SessionDescription {
  const address = options.originAddress ?? UNSPECIFIED;
  return {
    version: 0,
    origin: {
      username: options.username ?? '-',
      sessionId: options.sessionId ?? randomBytes(8).readBigUInt64BE() >> 1n,
      sessionVersion: options.sessionVersion ?? 0n,
      netType: address.netType,
      addressType: address.addressType,
      address: address.address,
    },
    sessionName: options.sessionName ?? '-',
    emails: [],
    phones: [],
    bandwidths: [],
    times: [{ start: 0n, stop: 0n, repeats: [] }],
    attributes: [...(options.attributes ?? [])],
    media: [...(options.media ?? [])],
    lineEnding: options.lineEnding ?? '\r\n',
  };
}

export interface MediaSectionOptions {
  /** `audio`, `video` or `application`. */
  kind: string;
  /** Default 9, the discard port used before candidates are known (RFC 8829 §5.2.1, RFC 8840 §4.1.1). */
  port?: number;
  /** Default `UDP/TLS/RTP/SAVPF`, or `UDP/DTLS/SCTP` for `application` (RFC 8829 §5.1.2, RFC 8841 §4.1). */
  protocol?: string;
  /** Default none for RTP (add them with `addCodec`), `webrtc-datachannel` for `application` (RFC 8841 §4.1). */
  formats?: string[];
  /** Default `IN IP4 0.0.0.0` (RFC 8829 §5.2.1). */
  connection?: Connection;
  /** Written as `a=mid` first, where browsers put it relative to the other attributes they emit. */
  mid?: string;
  /** Written as a direction flag after the given attributes (RFC 8866 §6.7). */
  direction?: Direction;
  attributes?: Attribute[];
}

export function createMediaSection(options: MediaSectionOptions): MediaDescription {
  const application = options.kind === 'application';
  const media: MediaDescription = {
    kind: options.kind,
    port: options.port ?? 9,
    protocol: options.protocol ?? (application ? 'UDP/DTLS/SCTP' : 'UDP/TLS/RTP/SAVPF'),
    formats: [...(options.formats ?? (application ? ['webrtc-datachannel'] : []))],
    connections: [{ ...(options.connection ?? UNSPECIFIED) }],
    bandwidths: [],
    attributes: [],
  };
  if (options.mid !== undefined) media.attributes.push({ name: 'mid', value: options.mid });
  media.attributes.push(...(options.attributes ?? []));
  if (options.direction !== undefined) setDirection(media, options.direction);
  return media;
}

/** Creates a media section and appends it to the session; returns it for `addCodec` and the attribute setters. */
export function addMediaSection(session: SessionDescription, options: MediaSectionOptions): MediaDescription {
  const media = createMediaSection(options);
  session.media.push(media);
  return media;
}

/**
 * Makes `a=group:BUNDLE <mids>` the session's only BUNDLE group (RFC 8843 §5),
 * keeping other group semantics and the position of the first BUNDLE group.
 * A new one goes first, where browsers put it.
 */
export function setBundleGroup(session: SessionDescription, mids: readonly string[]): void {
  const bundle: Attribute = { name: groupAttribute.name, value: serializeGroup({ semantics: 'BUNDLE', mids: [...mids] }) };
  // RFC 5888 §5: the semantics is the first space-separated field of the value.
  const isBundle = (attribute: Attribute) => attribute.name === groupAttribute.name && attribute.value?.split(' ')[0] === 'BUNDLE';
  const at = session.attributes.findIndex(isBundle);
  if (at < 0) {
    session.attributes.unshift(bundle);
    return;
  }
  session.attributes = session.attributes.filter((attribute, index) => index === at || !isBundle(attribute));
  session.attributes[at] = bundle;
}
