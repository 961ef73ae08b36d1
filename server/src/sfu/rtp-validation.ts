/**
 * Checks of the RTP capabilities and parameters an application (or the SDP
 * layer) hands to the API, as mediasoup's ortc `validate*` functions do, with
 * two differences: the input is never modified (each function returns a
 * normalised copy with defaults filled in and unknown fields left out, so
 * what crosses the channel is exactly the documented shape), and a
 * `TypeError` names the offending field by its path, e.g.
 * `rtpParameters.codecs[1].payloadType must be an integer 0-127`.
 *
 * Numbers that arrive as strings from SDP (`apt=96`) are accepted where RFCs
 * define them as integers and normalised to numbers.
 */
import { isRtxCodec } from './codec-matching.ts';
import type {
  MediaKind,
  RtcpFeedback,
  RtcpParameters,
  RtpCapabilities,
  RtpCodecCapability,
  RtpCodecParameters,
  RtpCodecParametersMap,
  RtpEncodingParameters,
  RtpHeaderExtension,
  RtpHeaderExtensionDirection,
  RtpHeaderExtensionParameters,
  RtpParameters,
} from './rtp-parameters.ts';

const MIME_TYPE = /^(audio|video)\/[^/\s]+$/i;
/** RFC 8851 §10: rid-id = 1*(alpha-numeric / "-" / "_"); RFC 8852 §3.1 carries at most 255 bytes of it. */
const RID = /^[A-Za-z0-9_-]{1,255}$/;
const DIRECTIONS: readonly RtpHeaderExtensionDirection[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
/** RFC 3550 §5.1: 7-bit payload type. */
const MAX_PAYLOAD_TYPE = 127;
/** RFC 8285 §4.2/§4.3: ids 1-14 in the one-byte form, 1-255 in the two-byte form. */
const MAX_EXTENSION_ID = 255;
const MAX_UINT32 = 0xffff_ffff;

export function validateRtpCapabilities(value: unknown, path = 'rtpCapabilities'): Required<RtpCapabilities> {
  const caps = requireObject(value, path);
  const codecs = optionalArray(caps['codecs'], `${path}.codecs`).map((codec, i) => validateRtpCodecCapability(codec, `${path}.codecs[${i}]`));
  const headerExtensions = optionalArray(caps['headerExtensions'], `${path}.headerExtensions`).map((ext, i) =>
    validateRtpHeaderExtension(ext, `${path}.headerExtensions[${i}]`),
  );
  requireUnique(
    codecs.filter((codec) => codec.preferredPayloadType !== undefined),
    (codec) => `${codec.kind} ${codec.preferredPayloadType}`,
    (codec) => `${path}.codecs: preferredPayloadType ${codec.preferredPayloadType} is used twice for ${codec.kind}`,
  );
  requireUnique(
    headerExtensions,
    (ext) => `${ext.kind} ${ext.preferredId}`,
    (ext) => `${path}.headerExtensions: preferredId ${ext.preferredId} is used twice for ${ext.kind}`,
  );
  return { codecs, headerExtensions };
}

export function validateRtpCodecCapability(value: unknown, path = 'codec'): RtpCodecCapability {
  const codec = requireObject(value, path);
  const mimeType = requireMimeType(codec['mimeType'], `${path}.mimeType`);
  const kind = kindOf(mimeType);
  if (codec['kind'] !== undefined && codec['kind'] !== kind) throw new TypeError(`${path}.kind must be '${kind}' for ${mimeType}`);
  const result: RtpCodecCapability = { kind, mimeType, clockRate: requirePositiveInteger(codec['clockRate'], `${path}.clockRate`) };
  if (codec['preferredPayloadType'] !== undefined) result.preferredPayloadType = requirePayloadType(codec['preferredPayloadType'], `${path}.preferredPayloadType`);
  if (kind === 'audio') result.channels = codec['channels'] === undefined ? 1 : requirePositiveInteger(codec['channels'], `${path}.channels`);
  result.parameters = validateCodecParameters(codec['parameters'], `${path}.parameters`, isRtxCodec(result));
  result.rtcpFeedback = optionalArray(codec['rtcpFeedback'], `${path}.rtcpFeedback`).map((fb, i) => validateRtcpFeedback(fb, `${path}.rtcpFeedback[${i}]`));
  return result;
}

export function validateRtpHeaderExtension(value: unknown, path = 'headerExtension'): RtpHeaderExtension {
  const ext = requireObject(value, path);
  const kind = ext['kind'];
  if (kind !== 'audio' && kind !== 'video') throw new TypeError(`${path}.kind must be 'audio' or 'video'`);
  const direction = ext['direction'] ?? 'sendrecv';
  if (!DIRECTIONS.includes(direction as RtpHeaderExtensionDirection)) throw new TypeError(`${path}.direction must be one of ${DIRECTIONS.join(', ')}`);
  return {
    kind,
    uri: requireNonEmptyString(ext['uri'], `${path}.uri`),
    preferredId: requireExtensionId(ext['preferredId'], `${path}.preferredId`),
    preferredEncrypt: optionalBoolean(ext['preferredEncrypt'], `${path}.preferredEncrypt`) ?? false,
    direction: direction as RtpHeaderExtensionDirection,
  };
}

export function validateRtpParameters(value: unknown, path = 'rtpParameters'): RtpParameters & Required<Pick<RtpParameters, 'headerExtensions' | 'encodings' | 'rtcp'>> {
  const params = requireObject(value, path);
  if (!Array.isArray(params['codecs'])) throw new TypeError(`${path}.codecs must be an array`);
  const codecs = params['codecs'].map((codec, i) => validateRtpCodecParameters(codec, `${path}.codecs[${i}]`));
  requireUnique(codecs, (codec) => codec.payloadType, (codec) => `${path}.codecs: payloadType ${codec.payloadType} is used twice`);
  codecs.forEach((codec, i) => {
    const apt = codec.parameters?.['apt'];
    if (isRtxCodec(codec) && !codecs.some((media) => !isRtxCodec(media) && media.payloadType === apt)) {
      throw new TypeError(`${path}.codecs[${i}].parameters.apt must name a media codec of the parameters (RFC 4588 §8.1)`);
    }
  });
  const headerExtensions = optionalArray(params['headerExtensions'], `${path}.headerExtensions`).map((ext, i) =>
    validateRtpHeaderExtensionParameters(ext, `${path}.headerExtensions[${i}]`),
  );
  requireUnique(headerExtensions, (ext) => ext.id, (ext) => `${path}.headerExtensions: id ${ext.id} is used twice`);
  const encodings = optionalArray(params['encodings'], `${path}.encodings`).map((encoding, i) =>
    validateRtpEncodingParameters(encoding, `${path}.encodings[${i}]`, codecs),
  );
  requireUnique(encodings.filter((e) => e.rid !== undefined), (e) => e.rid, (e) => `${path}.encodings: rid '${e.rid}' is used twice`);
  requireUnique(
    encodings.flatMap((e) => [e.ssrc, e.rtx?.ssrc]).filter((ssrc) => ssrc !== undefined),
    (ssrc) => ssrc,
    (ssrc) => `${path}.encodings: ssrc ${ssrc} is used twice`,
  );
  const result: ReturnType<typeof validateRtpParameters> = { codecs, headerExtensions, encodings, rtcp: validateRtcpParameters(params['rtcp'], `${path}.rtcp`) };
  if (params['mid'] !== undefined) result.mid = requireNonEmptyString(params['mid'], `${path}.mid`);
  return result;
}

export function validateRtpCodecParameters(value: unknown, path = 'codec'): RtpCodecParameters {
  const codec = requireObject(value, path);
  const mimeType = requireMimeType(codec['mimeType'], `${path}.mimeType`);
  const result: RtpCodecParameters = {
    mimeType,
    payloadType: requirePayloadType(codec['payloadType'], `${path}.payloadType`),
    clockRate: requirePositiveInteger(codec['clockRate'], `${path}.clockRate`),
  };
  if (kindOf(mimeType) === 'audio') result.channels = codec['channels'] === undefined ? 1 : requirePositiveInteger(codec['channels'], `${path}.channels`);
  result.parameters = validateCodecParameters(codec['parameters'], `${path}.parameters`, isRtxCodec(result));
  result.rtcpFeedback = optionalArray(codec['rtcpFeedback'], `${path}.rtcpFeedback`).map((fb, i) => validateRtcpFeedback(fb, `${path}.rtcpFeedback[${i}]`));
  return result;
}

export function validateRtcpFeedback(value: unknown, path = 'rtcpFeedback'): RtcpFeedback {
  const fb = requireObject(value, path);
  const result: RtcpFeedback = { type: requireNonEmptyString(fb['type'], `${path}.type`) };
  // mediasoup writes '' for "no parameter"; both mean the same.
  if (fb['parameter'] !== undefined && fb['parameter'] !== '') result.parameter = requireNonEmptyString(fb['parameter'], `${path}.parameter`);
  return result;
}

export function validateRtpHeaderExtensionParameters(value: unknown, path = 'headerExtension'): RtpHeaderExtensionParameters {
  const ext = requireObject(value, path);
  const result: RtpHeaderExtensionParameters = { uri: requireNonEmptyString(ext['uri'], `${path}.uri`), id: requireExtensionId(ext['id'], `${path}.id`) };
  const encrypt = optionalBoolean(ext['encrypt'], `${path}.encrypt`);
  if (encrypt) result.encrypt = true;
  if (ext['parameters'] !== undefined) result.parameters = validateCodecParameters(ext['parameters'], `${path}.parameters`, false);
  return result;
}

export function validateRtpEncodingParameters(value: unknown, path = 'encoding', codecs: readonly RtpCodecParameters[] = []): RtpEncodingParameters {
  const encoding = requireObject(value, path);
  const result: RtpEncodingParameters = {};
  if (encoding['ssrc'] !== undefined) result.ssrc = requireSsrc(encoding['ssrc'], `${path}.ssrc`);
  if (encoding['rid'] !== undefined) {
    const rid = requireNonEmptyString(encoding['rid'], `${path}.rid`);
    if (!RID.test(rid)) throw new TypeError(`${path}.rid must be 1-255 letters, digits, '-' or '_' (RFC 8851 §10)`);
    result.rid = rid;
  }
  if (encoding['codecPayloadType'] !== undefined) {
    const payloadType = requirePayloadType(encoding['codecPayloadType'], `${path}.codecPayloadType`);
    if (codecs.length > 0 && !codecs.some((codec) => codec.payloadType === payloadType && !isRtxCodec(codec))) {
      throw new TypeError(`${path}.codecPayloadType ${payloadType} is not a media codec of the parameters`);
    }
    result.codecPayloadType = payloadType;
  }
  if (encoding['rtx'] !== undefined) {
    const rtx = requireObject(encoding['rtx'], `${path}.rtx`);
    result.rtx = { ssrc: requireSsrc(rtx['ssrc'], `${path}.rtx.ssrc`) };
  }
  const dtx = optionalBoolean(encoding['dtx'], `${path}.dtx`);
  if (dtx !== undefined) result.dtx = dtx;
  if (encoding['scalabilityMode'] !== undefined) result.scalabilityMode = requireNonEmptyString(encoding['scalabilityMode'], `${path}.scalabilityMode`);
  if (encoding['scaleResolutionDownBy'] !== undefined) result.scaleResolutionDownBy = requirePositiveNumber(encoding['scaleResolutionDownBy'], `${path}.scaleResolutionDownBy`);
  if (encoding['maxBitrate'] !== undefined) result.maxBitrate = requirePositiveNumber(encoding['maxBitrate'], `${path}.maxBitrate`);
  return result;
}

export function validateRtcpParameters(value: unknown, path = 'rtcp'): RtcpParameters {
  if (value === undefined) return { reducedSize: true };
  const rtcp = requireObject(value, path);
  const result: RtcpParameters = { reducedSize: optionalBoolean(rtcp['reducedSize'], `${path}.reducedSize`) ?? true };
  if (rtcp['cname'] !== undefined) result.cname = requireNonEmptyString(rtcp['cname'], `${path}.cname`);
  return result;
}

function validateCodecParameters(value: unknown, path: string, isRtx: boolean): RtpCodecParametersMap {
  if (value === undefined) {
    if (isRtx) throw new TypeError(`${path}.apt is required for RTX (RFC 4588 §8.1)`);
    return {};
  }
  const parameters = requireObject(value, path);
  const result: RtpCodecParametersMap = {};
  for (const [name, parameter] of Object.entries(parameters)) {
    if (parameter === undefined) continue;
    if (typeof parameter === 'string' || (typeof parameter === 'number' && Number.isFinite(parameter))) result[name] = parameter;
    else throw new TypeError(`${path}['${name}'] must be a string or a finite number`);
  }
  if (isRtx || result['apt'] !== undefined) result['apt'] = requirePayloadType(digitsToNumber(result['apt']), `${path}.apt`);
  return result;
}

function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${path} must be an object`);
  return value as Record<string, unknown>;
}

function optionalArray(value: unknown, path: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError(`${path} must be an array`);
  return value;
}

function optionalBoolean(value: unknown, path: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${path} must be a boolean`);
  return value;
}

function requireNonEmptyString(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${path} must be a non-empty string`);
  return value;
}

function requireMimeType(value: unknown, path: string): string {
  const mimeType = requireNonEmptyString(value, path);
  if (!MIME_TYPE.test(mimeType)) throw new TypeError(`${path} must be 'audio/<name>' or 'video/<name>', got '${mimeType}'`);
  return mimeType;
}

function kindOf(mimeType: string): MediaKind {
  return mimeType.slice(0, 5).toLowerCase() === 'audio' ? 'audio' : 'video';
}

function requireInteger(value: unknown, path: string, min: number, max: number, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new TypeError(`${path} must be ${what}`);
  return value;
}

function requirePayloadType(value: unknown, path: string): number {
  return requireInteger(value, path, 0, MAX_PAYLOAD_TYPE, 'an integer 0-127');
}

function requireExtensionId(value: unknown, path: string): number {
  return requireInteger(value, path, 1, MAX_EXTENSION_ID, 'an integer 1-255 (RFC 8285 §4)');
}

function requireSsrc(value: unknown, path: string): number {
  return requireInteger(value, path, 0, MAX_UINT32, 'an unsigned 32-bit integer');
}

function requirePositiveInteger(value: unknown, path: string): number {
  return requireInteger(value, path, 1, Number.MAX_SAFE_INTEGER, 'a positive integer');
}

function requirePositiveNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new TypeError(`${path} must be a positive number`);
  return value;
}

function digitsToNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
}

function requireUnique<T>(items: readonly T[], key: (item: T) => unknown, message: (item: T) => string): void {
  const seen = new Set<unknown>();
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) throw new TypeError(message(item));
    seen.add(k);
  }
}
