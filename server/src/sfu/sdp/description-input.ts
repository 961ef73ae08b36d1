import { type SessionDescription, parseSessionDescription, validateAttributes } from '../../sdp/index.ts';

/**
 * A remote description as signaling hands it over (text), or already parsed.
 * Either way every known attribute is checked first: RFC 8829 §5.8 has an
 * endpoint reject a description with any line it cannot parse, rather than
 * act on part of it. Throws SdpParseError or SdpAttributeError.
 */
export function readDescription(input: string | SessionDescription): SessionDescription {
  const description = typeof input === 'string' ? parseSessionDescription(input) : input;
  validateAttributes(description);
  return description;
}
