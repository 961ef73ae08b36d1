import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { canConsume, consumerRtpParameters } from '../rtp-mapping.ts';
import { validateRtpCapabilities } from '../rtp-validation.ts';
import { rtpCapabilitiesFromSdp } from './rtp-capabilities-from-sdp.ts';
import { OFFER_FIXTURES, consumableFromOffer, plainOffer } from './test-support.ts';

describe('rtpCapabilitiesFromSdp', () => {
  const caps = rtpCapabilitiesFromSdp(plainOffer);

  it("reads the browser's codecs at its payload types, RED and RTX included", () => {
    expect(caps.codecs?.find((codec) => codec.mimeType === 'audio/opus')).toMatchObject({ kind: 'audio', preferredPayloadType: 111, clockRate: 48000, channels: 2 });
    expect(caps.codecs?.filter((codec) => codec.kind === 'video').slice(0, 2).map((codec) => [codec.mimeType, codec.preferredPayloadType, codec.parameters])).toEqual([
      ['video/VP8', 96, {}],
      ['video/rtx', 97, { apt: 96 }],
    ]);
    expect(caps.codecs?.some((codec) => codec.mimeType === 'video/red')).toBe(true);
  });

  it('reads the extensions of the first audio and first video section at their ids', () => {
    expect(caps.headerExtensions?.filter((ext) => ext.uri.endsWith('sdes:mid'))).toEqual([
      { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 4 },
      { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 4 },
    ]);
  });

  it("is what consume() needs: the consumer gets the subscriber's payload types and ids", () => {
    const consumable = consumableFromOffer(plainOffer, '1', 'video');
    expect(canConsume(consumable, caps)).toBe(true);
    const consumer = consumerRtpParameters(consumable, caps, { mid: '5' });
    expect(consumer.codecs.slice(0, 2).map((codec) => codec.payloadType)).toEqual([96, 97]);
  });

  it.each(OFFER_FIXTURES)('%s gives capabilities the API accepts', (file) => {
    const read = rtpCapabilitiesFromSdp(readFixtureText(file));
    expect(() => validateRtpCapabilities(read)).not.toThrow();
    expect(read.codecs?.length).toBeGreaterThan(0);
  });
});
