import { describe, expect, it } from 'vitest';
import { validateRtpCapabilities, validateRtpParameters } from './rtp-validation.ts';
import { VP8_PARAMETERS } from './test-support.ts';

const base = () => structuredClone(VP8_PARAMETERS) as unknown as Record<string, unknown> & { codecs: Record<string, unknown>[]; encodings: Record<string, unknown>[] };

describe('validateRtpParameters', () => {
  it('returns a normalised copy and leaves the input alone', () => {
    const input = { codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, extra: 'dropped' }], encodings: [{ ssrc: 5 }] };
    const frozen = structuredClone(input);
    const result = validateRtpParameters(input);
    expect(input).toEqual(frozen);
    expect(result).toEqual({
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 1, parameters: {}, rtcpFeedback: [] }],
      headerExtensions: [],
      encodings: [{ ssrc: 5 }],
      rtcp: { reducedSize: true },
    });
  });

  it("turns SDP's apt='96' into a number and mediasoup's parameter '' into none", () => {
    const params = base();
    params.codecs[1] = { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: '96' } };
    params.codecs[0] = { ...params.codecs[0], rtcpFeedback: [{ type: 'nack', parameter: '' }] };
    const result = validateRtpParameters(params);
    expect(result.codecs[1]?.parameters).toEqual({ apt: 96 });
    expect(result.codecs[0]?.rtcpFeedback).toEqual([{ type: 'nack' }]);
  });

  it.each<[string, (p: ReturnType<typeof base>) => unknown, RegExp]>([
    ['not an object', () => 'x', /^rtpParameters must be an object$/],
    ['codecs missing', (p) => ({ ...p, codecs: undefined }), /rtpParameters\.codecs must be an array/],
    ['a bad MIME type', (p) => ((p.codecs[0]!['mimeType'] = 'VP8'), p), /rtpParameters\.codecs\[0\]\.mimeType must be 'audio\/<name>'/],
    ['payload type 128', (p) => ((p.codecs[0]!['payloadType'] = 128), p), /rtpParameters\.codecs\[0\]\.payloadType must be an integer 0-127/],
    ['payload type as text', (p) => ((p.codecs[0]!['payloadType'] = '96'), p), /codecs\[0\]\.payloadType/],
    ['a duplicate payload type', (p) => ((p.codecs[1]!['payloadType'] = 96), p), /payloadType 96 is used twice/],
    ['RTX without apt', (p) => ((p.codecs[1]!['parameters'] = {}), p), /codecs\[1\]\.parameters\.apt must be an integer/],
    ['RTX repairing nothing', (p) => ((p.codecs[1]!['parameters'] = { apt: 100 }), p), /codecs\[1\]\.parameters\.apt must name a media codec/],
    ['a parameter that is an object', (p) => ((p.codecs[0]!['parameters'] = { x: {} }), p), /codecs\[0\]\.parameters\['x'\] must be a string or a finite number/],
    ['NaN as a parameter', (p) => ((p.codecs[0]!['parameters'] = { x: Number.NaN }), p), /parameters\['x'\]/],
    ['feedback without a type', (p) => ((p.codecs[0]!['rtcpFeedback'] = [{ parameter: 'pli' }]), p), /codecs\[0\]\.rtcpFeedback\[0\]\.type/],
    ['header extension id 0', (p) => ({ ...p, headerExtensions: [{ uri: 'urn:x', id: 0 }] }), /headerExtensions\[0\]\.id must be an integer 1-255/],
    ['a duplicate header extension id', (p) => ({ ...p, headerExtensions: [{ uri: 'urn:x', id: 3 }, { uri: 'urn:y', id: 3 }] }), /id 3 is used twice/],
    ['an ssrc over 32 bits', (p) => ((p.encodings[0]!['ssrc'] = 2 ** 32), p), /encodings\[0\]\.ssrc must be an unsigned 32-bit integer/],
    ['an RTX ssrc missing', (p) => ((p.encodings[0]!['rtx'] = {}), p), /encodings\[0\]\.rtx\.ssrc/],
    ['a rid with a space', (p) => ((p.encodings[0]!['rid'] = 'a b'), p), /encodings\[0\]\.rid must be 1-255 letters/],
    ['the same rid twice', (p) => ({ ...p, encodings: [{ rid: 'q' }, { rid: 'q' }] }), /rid 'q' is used twice/],
    ['the same ssrc as media and RTX', (p) => ({ ...p, encodings: [{ ssrc: 7, rtx: { ssrc: 7 } }] }), /ssrc 7 is used twice/],
    ['codecPayloadType naming RTX', (p) => ((p.encodings[0]!['codecPayloadType'] = 97), p), /encodings\[0\]\.codecPayloadType 97 is not a media codec/],
    ['an empty mid', (p) => ({ ...p, mid: '' }), /rtpParameters\.mid must be a non-empty string/],
    ['a numeric cname', (p) => ({ ...p, rtcp: { cname: 3 } }), /rtpParameters\.rtcp\.cname/],
    ['reducedSize as text', (p) => ({ ...p, rtcp: { reducedSize: 'yes' } }), /rtpParameters\.rtcp\.reducedSize must be a boolean/],
  ])('rejects %s with a TypeError naming the field', (_name, mutate, message) => {
    const input = mutate(base());
    expect(() => validateRtpParameters(input)).toThrow(TypeError);
    expect(() => validateRtpParameters(input)).toThrow(message);
  });
});

describe('validateRtpCapabilities', () => {
  it('fills in defaults (channels, direction, empty lists)', () => {
    expect(validateRtpCapabilities({})).toEqual({ codecs: [], headerExtensions: [] });
    const caps = validateRtpCapabilities({
      codecs: [{ mimeType: 'audio/PCMU', clockRate: 8000 }],
      headerExtensions: [{ kind: 'audio', uri: 'urn:x', preferredId: 1 }],
    });
    expect(caps.codecs[0]).toEqual({ kind: 'audio', mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, parameters: {}, rtcpFeedback: [] });
    expect(caps.headerExtensions[0]).toEqual({ kind: 'audio', uri: 'urn:x', preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' });
  });

  it('allows the same payload type or extension id for audio and video, not twice for one kind', () => {
    const ok = {
      codecs: [
        { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, preferredPayloadType: 100 },
        { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, preferredPayloadType: 100 },
      ],
      headerExtensions: [
        { kind: 'audio', uri: 'urn:x', preferredId: 1 },
        { kind: 'video', uri: 'urn:x', preferredId: 1 },
      ],
    };
    expect(() => validateRtpCapabilities(ok)).not.toThrow();
    expect(() => validateRtpCapabilities({ codecs: [ok.codecs[1], { ...ok.codecs[1], mimeType: 'video/VP9' }] })).toThrow(/preferredPayloadType 100 is used twice for video/);
    expect(() => validateRtpCapabilities({ headerExtensions: [ok.headerExtensions[0], { ...ok.headerExtensions[0], uri: 'urn:y' }] })).toThrow(
      /preferredId 1 is used twice for audio/,
    );
  });

  it.each<[unknown, RegExp]>([
    [null, /^rtpCapabilities must be an object$/],
    [{ codecs: {} }, /rtpCapabilities\.codecs must be an array/],
    [{ codecs: [{ mimeType: 'video/VP8', clockRate: 0 }] }, /rtpCapabilities\.codecs\[0\]\.clockRate must be a positive integer/],
    [{ headerExtensions: [{ kind: 'data', uri: 'urn:x', preferredId: 1 }] }, /headerExtensions\[0\]\.kind must be 'audio' or 'video'/],
    [{ headerExtensions: [{ kind: 'audio', uri: 'urn:x', preferredId: 1, direction: 'both' }] }, /headerExtensions\[0\]\.direction must be one of/],
    [{ headerExtensions: [{ kind: 'audio', uri: '', preferredId: 1 }] }, /headerExtensions\[0\]\.uri must be a non-empty string/],
  ])('rejects %j', (caps, message) => {
    expect(() => validateRtpCapabilities(caps)).toThrow(TypeError);
    expect(() => validateRtpCapabilities(caps)).toThrow(message);
  });
});
