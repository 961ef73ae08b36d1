/**
 * RTP parameters and capabilities come from signaling, so from anyone. The
 * validators may only throw TypeError; what they accept must be JSON (it
 * crosses the channel) and must not crash the matching, which may only throw
 * TypeError or UnsupportedError. Inputs: byte mutations of the JSON of real
 * Chromium parameters, and structural mutations (a random field replaced by
 * a random value), which reach far deeper than bytes. `FUZZ_CASES` raises the count.
 */
import { describe, it } from 'vitest';
import { SeededRandom, fuzz } from '../common/fuzz.ts';
import { UnsupportedError } from './errors.ts';
import { assertJsonSerializable } from './json-message.ts';
import { routerRtpCapabilities } from './rtp-capabilities.ts';
import { canConsume, consumableRtpParameters, consumerRtpMapping, consumerRtpParameters, kindOfParameters, producerRtpMapping } from './rtp-mapping.ts';
import { validateRtpCapabilities, validateRtpParameters } from './rtp-validation.ts';
import { DEFAULT_MEDIA_CODECS } from './supported-rtp-capabilities.ts';
import { OPUS_PARAMETERS, VP8_PARAMETERS, capabilitiesFromSdp, chromiumOfferSections, producerParametersFromSdp } from './test-support.ts';
import { validateDtlsParameters } from './webrtc-transport-parameters.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 5_000);
const TIMEOUT_MS = 15_000 + CASES / 2;

const router = routerRtpCapabilities(DEFAULT_MEDIA_CODECS);
const { audio, video } = chromiumOfferSections();
const PARAMETERS = [OPUS_PARAMETERS, VP8_PARAMETERS, producerParametersFromSdp(video, ['video/vp8', 'video/h264', 'video/vp9', 'video/av1'])];
const CAPABILITIES = [capabilitiesFromSdp(audio, video), router];
const DTLS = [{ role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: 'F9:83:F2:BD:16:30' }] }];

/** One value of any JSON type and a few that are not, biased to edge cases. */
function randomValue(random: SeededRandom, depth = 0): unknown {
  const leaves: (() => unknown)[] = [
    () => random.pick([0, -1, 1, 96, 127, 128, 255, 2 ** 32, 2 ** 32 - 1, 0.5, Number.NaN, Number.POSITIVE_INFINITY, -0]),
    () => random.pick(['', 'video/VP8', 'audio/opus', 'video/rtx', 'rtx', 'x'.repeat(300), '42e01f', 'zzzzzz', '96', 'a b', '__proto__']),
    () => random.pick([true, false, null, undefined]),
  ];
  if (depth < 2) leaves.push(() => [randomValue(random, depth + 1)], () => ({ [random.pick(['apt', 'mimeType', 'id', 'ssrc', 'toString'])]: randomValue(random, depth + 1) }));
  return random.pick(leaves)();
}

/** A deep copy of `value` with one random node replaced, deleted or duplicated. */
function mutateStructure(value: unknown, random: SeededRandom): unknown {
  const copy = structuredClone(value);
  const containers: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((child, i) => (containers.push([node, i]), walk(child)));
    else if (typeof node === 'object' && node !== null) for (const [key, child] of Object.entries(node)) containers.push([node as Record<string, unknown>, key]), walk(child);
  };
  walk(copy);
  if (containers.length === 0 || random.below(20) === 0) return randomValue(random);
  const [parent, key] = random.pick(containers);
  const target = parent as Record<string | number, unknown>;
  switch (random.below(3)) {
    case 0:
      target[key] = randomValue(random);
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete target[key];
      break;
    default:
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else target[`${String(key)}2`] = target[key];
  }
  return copy;
}

function onlyTypeErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

/** Validation, then the whole producer → router → consumer matching on what validation let through. */
function checkParameters(input: unknown): void {
  onlyTypeErrors(() => {
    const params = validateRtpParameters(input);
    assertJsonSerializable(params);
    try {
      const mapping = producerRtpMapping(params, router);
      const consumable = consumableRtpParameters(kindOfParameters(params), params, router, mapping);
      assertJsonSerializable(consumable);
      for (const caps of CAPABILITIES) {
        if (!canConsume(consumable, caps)) continue;
        consumerRtpMapping(consumable, consumerRtpParameters(consumable, caps));
      }
    } catch (error) {
      if (!(error instanceof UnsupportedError)) throw error;
    }
  });
}

const VP8_CONSUMABLE = (() => {
  const params = validateRtpParameters(VP8_PARAMETERS);
  return consumableRtpParameters('video', params, router, producerRtpMapping(params, router));
})();

function checkCapabilities(input: unknown): void {
  onlyTypeErrors(() => {
    const caps = validateRtpCapabilities(input);
    assertJsonSerializable(caps);
    const consumable = VP8_CONSUMABLE;
    try {
      if (canConsume(consumable, caps)) consumerRtpMapping(consumable, consumerRtpParameters(consumable, caps));
    } catch (error) {
      if (!(error instanceof UnsupportedError)) throw error;
    }
  });
}

function failWithInput(i: number, input: unknown, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw new Error(`fuzz case ${i} failed on ${JSON.stringify(input)}: ${String(error)}`, { cause: error });
  }
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const parseJson = (input: Uint8Array): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(input).toString('utf8')) };
  } catch {
    return { ok: false };
  }
};

describe('sfu fuzz', () => {
  it(`RTP parameters: ${CASES} structural mutations`, { timeout: TIMEOUT_MS }, () => {
    const random = new SeededRandom(61);
    for (let i = 0; i < CASES; i++) {
      let input: unknown = random.pick(PARAMETERS);
      for (let n = 1 + random.below(3); n > 0; n--) input = mutateStructure(input, random);
      failWithInput(i, input, () => checkParameters(input));
    }
  });

  it(`RTP capabilities: ${CASES} structural mutations`, { timeout: TIMEOUT_MS }, () => {
    const random = new SeededRandom(62);
    for (let i = 0; i < CASES; i++) {
      let input: unknown = random.pick(CAPABILITIES);
      for (let n = 1 + random.below(3); n > 0; n--) input = mutateStructure(input, random);
      failWithInput(i, input, () => checkCapabilities(input));
    }
  });

  it(`RTP parameters, capabilities and DTLS parameters: ${CASES} byte mutations of their JSON`, { timeout: TIMEOUT_MS }, () => {
    fuzz({
      seed: 63,
      cases: CASES,
      seeds: [...PARAMETERS, ...CAPABILITIES, ...DTLS].map(encode),
      check: (input) => {
        const parsed = parseJson(input);
        if (!parsed.ok) return;
        checkParameters(parsed.value);
        checkCapabilities(parsed.value);
        onlyTypeErrors(() => validateDtlsParameters(parsed.value));
      },
    });
  });
});
