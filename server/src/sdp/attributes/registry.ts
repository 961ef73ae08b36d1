import type { SessionDescription } from '../session-description.ts';
import type { AttributeCodec } from './attribute-list.ts';
import { candidateAttribute } from './candidate.ts';
import { extmapAttribute } from './extmap.ts';
import { fingerprintAttribute } from './fingerprint.ts';
import { fmtpAttribute } from './fmtp.ts';
import { groupAttribute } from './group.ts';
import { iceOptionsAttribute, icePwdAttribute, iceUfragAttribute } from './ice.ts';
import { midAttribute } from './mid.ts';
import { msidAttribute } from './msid.ts';
import { ridAttribute } from './rid.ts';
import { rtcpFeedbackAttribute } from './rtcp-fb.ts';
import { rtpmapAttribute } from './rtpmap.ts';
import { maxMessageSizeAttribute, sctpPortAttribute } from './sctp.ts';
import { setupAttribute } from './setup.ts';
import { simulcastAttribute } from './simulcast.ts';
import { ssrcAttribute } from './ssrc.ts';
import { ssrcGroupAttribute } from './ssrc-group.ts';

/** Every attribute this package has a typed codec for, by name. */
export const knownAttributes: ReadonlyMap<string, AttributeCodec<unknown>> = new Map(
  [
    candidateAttribute,
    extmapAttribute,
    fingerprintAttribute,
    fmtpAttribute,
    groupAttribute,
    iceOptionsAttribute,
    icePwdAttribute,
    iceUfragAttribute,
    maxMessageSizeAttribute,
    midAttribute,
    msidAttribute,
    ridAttribute,
    rtcpFeedbackAttribute,
    rtpmapAttribute,
    sctpPortAttribute,
    setupAttribute,
    simulcastAttribute,
    ssrcAttribute,
    ssrcGroupAttribute,
  ].map((codec): [string, AttributeCodec<unknown>] => [codec.name, codec]),
);

/**
 * Parses every known attribute of the session and its sections, throwing the
 * first SdpAttributeError. RFC 8829 §5.8 has a JSEP endpoint reject a
 * description with any line it cannot parse, so an SFU calls this on each
 * remote description before acting on it; unknown attributes pass (RFC 8866 §5.13).
 */
export function validateAttributes(description: SessionDescription): void {
  for (const section of [description, ...description.media]) {
    for (const { name, value } of section.attributes) knownAttributes.get(name)?.parse(value ?? '');
  }
}
