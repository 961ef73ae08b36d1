/**
 * SDP for the SFU: the session description model, its parser and serializer,
 * and typed views of the attributes WebRTC uses.
 *
 * - RFC 8866 (SDP): lines, order, the model; RFC 8829 (JSEP) for what a WebRTC
 *   endpoint sends and how strictly to parse (§5.8: reject what is malformed).
 * - RFC 8843 (BUNDLE, `a=group`, `a=mid`), RFC 8839 (ICE: `a=candidate`,
 *   `a=ice-*`), RFC 8122 / RFC 8842 (DTLS: `a=fingerprint`, `a=setup`),
 *   RFC 8841 (SCTP: `a=sctp-port`, `a=max-message-size`).
 * - RFC 8851 (`a=rid`) and RFC 8853 (`a=simulcast`); RFC 4585 (`a=rtcp-fb`),
 *   RFC 8285 (`a=extmap`), RFC 5576 (`a=ssrc`, `a=ssrc-group`), RFC 8830 (`a=msid`).
 *
 * The model keeps attributes as an ordered `{ name, value? }` list, so what a
 * browser sends serializes back byte for byte and unknown attributes survive.
 * Typed access goes through one codec per attribute:
 *
 *   const offer = parseSessionDescription(text);          // throws SdpParseError { code, line }
 *   const [bundle] = getBundleGroups(offer);               // { semantics: 'BUNDLE', mids: ['0', '1', '2'] }
 *   const video = offer.media[1]!;
 *   getCodecs(video);                                      // [{ payloadType: 96, name: 'VP8', … }, …]
 *   readAttributes(video, ridAttribute);                   // throws SdpAttributeError { code } if malformed
 *   readInheritedAttribute(video, offer, setupAttribute);  // 'actpass'
 *   serializeSessionDescription(offer) === text;           // true for browser SDP
 *
 * Flags (`a=rtcp-mux`, `a=rtcp-rsize`, `a=ice-lite`, `a=end-of-candidates`,
 * `a=extmap-allow-mixed`) are read with `hasAttribute`; attributes that may sit
 * at either level (ICE credentials, fingerprint, setup, direction) through
 * `readInheritedAttribute(s)` and `getDirection`. Builders (`createSessionDescription`,
 * `addMediaSection`, `addCodec`, `writeAttribute`, …) change the objects they are given.
 *
 * Errors: `SdpParseError` for a description that cannot be read at all,
 * `SdpAttributeError` for one attribute value that a typed accessor cannot
 * read. Both are ProtocolErrors with stable codes; anything else is a bug.
 */
export * from './session-description.ts';
export { SdpAttributeError, type SdpAttributeErrorCode, SdpParseError, type SdpParseErrorCode } from './errors.ts';
export { parseSessionDescription } from './parse.ts';
export { serializeSessionDescription } from './serialize.ts';
export * from './builders.ts';
export * from './codecs.ts';
export type { Parameter } from './grammar.ts';
export * from './attributes/attribute-list.ts';
export * from './attributes/candidate.ts';
export * from './attributes/direction.ts';
export * from './attributes/extmap.ts';
export * from './attributes/fingerprint.ts';
export * from './attributes/fmtp.ts';
export * from './attributes/group.ts';
export * from './attributes/ice.ts';
export * from './attributes/mid.ts';
export * from './attributes/msid.ts';
export * from './attributes/registry.ts';
export * from './attributes/rid.ts';
export * from './attributes/rtcp-fb.ts';
export * from './attributes/rtpmap.ts';
export * from './attributes/sctp.ts';
export * from './attributes/setup.ts';
export * from './attributes/simulcast.ts';
export * from './attributes/ssrc.ts';
export * from './attributes/ssrc-group.ts';
