/**
 * Offers and answers come from browsers, so from anyone. Mutated Chromium
 * offers go through the publisher side, mutated answers through a subscriber
 * session; the only errors allowed are the typed ones (SdpParseError,
 * SdpAttributeError, SdpNegotiationError). What succeeds must be usable: the
 * answer parses back, producer parameters and capabilities pass the API's
 * validation, and a refused answer leaves the session as it was.
 * `FUZZ_CASES` raises the count.
 */
import { readFixtureText } from '#fixtures/index.ts';
import { describe, expect, it } from 'vitest';
import { SeededRandom, fuzz } from '../../common/fuzz.ts';
import { SdpAttributeError, SdpParseError, parseSessionDescription, serializeSessionDescription } from '../../sdp/index.ts';
import { validateRtpCapabilities, validateRtpParameters } from '../rtp-validation.ts';
import { SdpNegotiationError } from './errors.ts';
import { producerParametersFromOffer } from './producer-parameters.ts';
import { createPublisherAnswer } from './publisher-answer.ts';
import { rtpCapabilitiesFromSdp } from './rtp-capabilities-from-sdp.ts';
import { SubscriberSession } from './subscriber-offer.ts';
import { OFFER_FIXTURES, ROUTER_CAPABILITIES, SFU_TRANSPORT, browserAnswer, consumerTrack } from './test-support.ts';

const CASES = Number(process.env['FUZZ_CASES'] ?? 1_000);
const TIMEOUT_MS = 30_000 + CASES * 5;
const decoder = new TextDecoder();

function typed(error: unknown): boolean {
  return error instanceof SdpParseError || error instanceof SdpAttributeError || error instanceof SdpNegotiationError;
}

/** Runs `run`; a typed error is an allowed outcome (undefined), anything else fails the case. */
function allowTyped<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (typed(error)) return undefined;
    throw error;
  }
}

/**
 * Line-level edits, which reach past the parser far more often than byte
 * flips: a line dropped, doubled, moved, cut short, taken from another
 * description, or one of its numbers changed.
 */
function editLines(text: string, pool: readonly string[], random: SeededRandom): string {
  const lines = text.split('\r\n').slice(0, -1);
  for (let edits = 1 + random.below(3); edits > 0; edits--) {
    const at = random.below(lines.length);
    const line = lines[at]!;
    switch (random.below(6)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(random.below(lines.length), 0, line);
        break;
      case 2:
        lines[at] = line.slice(0, random.below(line.length + 1));
        break;
      case 3:
        lines[at] = random.pick(pool);
        break;
      case 4:
        lines[at] = line.replace(/\d+/, () => `${random.pick([0, 1, 9, 35, 63, 64, 96, 127, 128, 255, 256, 4096, 65535, 4294967295, 4294967296])}`);
        break;
      default:
        lines.splice(random.below(lines.length), 0, lines.splice(at, 1)[0]!);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const offers = OFFER_FIXTURES.map((file) => readFixtureText(file));
const offerLines = offers.flatMap((text) => text.split('\r\n').filter(Boolean));

function checkOffer(text: string): void {
  const answer = allowTyped(() => createPublisherAnswer(text, { transport: SFU_TRANSPORT, routerRtpCapabilities: ROUTER_CAPABILITIES }));
  if (answer !== undefined) {
    expect(serializeSessionDescription(parseSessionDescription(answer.sdp))).toBe(answer.sdp);
    for (const section of answer.sections.filter((s) => s.receiving)) {
      validateRtpParameters(producerParametersFromOffer(text, section.mid, ROUTER_CAPABILITIES));
    }
  }
  const capabilities = allowTyped(() => rtpCapabilitiesFromSdp(text));
  if (capabilities !== undefined) validateRtpCapabilities(capabilities);
}

/** A session with an audio and a video consumer whose offer is out. */
function pendingSession(): { session: SubscriberSession; offer: string } {
  const session = new SubscriberSession({ transport: SFU_TRANSPORT, sessionId: 7n });
  session.addConsumer(consumerTrack('audio', '0'));
  session.addConsumer(consumerTrack('video', '1'));
  return { session, offer: session.createOffer().sdp };
}

function checkAnswer(text: string): void {
  const { session, offer } = pendingSession();
  const applied = allowTyped(() => session.applyAnswer(text));
  if (applied === undefined) {
    // Refused: nothing applied, the offer still waits and the next offer is the same but one version up.
    expect(session.awaitingAnswer).toBe(true);
    expect(session.createOffer().sdp).toBe(offer.replace(/^o=- 7 1 /m, 'o=- 7 2 '));
  } else {
    expect(applied.sections).toHaveLength(2);
    session.createOffer();
  }
}

describe('sfu sdp fuzz', () => {
  it(`publisher side survives ${CASES} byte mutations of the Chromium offers`, { timeout: TIMEOUT_MS }, () => {
    fuzz({ seed: 0x5df, cases: CASES, seeds: offers.map((text) => new TextEncoder().encode(text)), check: (bytes) => checkOffer(decoder.decode(bytes)) });
  });

  it(`publisher side survives ${CASES} line edits of the Chromium offers`, { timeout: TIMEOUT_MS }, () => {
    const random = new SeededRandom(0x5df);
    for (let i = 0; i < CASES; i++) {
      const text = editLines(random.pick(offers), offerLines, random);
      try {
        checkOffer(text);
      } catch (error) {
        throw new Error(`case ${i} failed on ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
      }
    }
  });

  it(`subscriber answers survive ${CASES} line edits`, { timeout: TIMEOUT_MS }, () => {
    const answer = browserAnswer(pendingSession().offer);
    const pool = [...answer.split('\r\n').filter(Boolean), ...offerLines];
    const random = new SeededRandom(0xa45);
    for (let i = 0; i < CASES; i++) {
      const text = editLines(answer, pool, random);
      try {
        checkAnswer(text);
      } catch (error) {
        throw new Error(`case ${i} failed on ${JSON.stringify(text)}: ${String(error)}`, { cause: error });
      }
    }
  });
});
