/**
 * `answer`: the answer an ICE-lite SFU gives to an offer, made by the reference answer builder of
 * the exercise (solutions/11-sdp/answer.ts). The SFU's side of the transport comes from the
 * options: its ICE credentials (random unless given), a certificate fingerprint (a random
 * placeholder unless given: no DTLS runs in this lab) and its host candidates.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type AnswerOptions, buildAnswer, parseOffer } from '#solutions/11-sdp/answer.ts';
import type { LoadedSdp } from './load.ts';

export interface AnswerCommandOptions {
  readonly setup?: 'active' | 'passive';
  /** `address:port`, IPv6 in brackets: `[::1]:40000`. */
  readonly candidates: readonly string[];
  readonly ufrag?: string;
  readonly pwd?: string;
  /** `sha-256 AB:CD:...` */
  readonly fingerprint?: string;
}

/** Base64 is made of exactly the ICE characters (RFC 8839 §5.4: ALPHA / DIGIT / "+" / "/"). */
const iceString = (bytes: number) => randomBytes(bytes).toString('base64');

export function candidateFromText(text: string): { address: string; port: number } {
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`--candidate wants address:port, got "${text}"`);
  return { address: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port };
}

export function answerOptions(options: AnswerCommandOptions): AnswerOptions {
  const [algorithm = 'sha-256', value = placeholderFingerprint()] = options.fingerprint?.split(' ') ?? [];
  return {
    iceUfrag: options.ufrag ?? iceString(3),
    icePwd: options.pwd ?? iceString(18),
    fingerprint: { algorithm, value },
    candidates: options.candidates.map(candidateFromText),
    ...(options.setup === undefined ? {} : { setup: options.setup }),
  };
}

function placeholderFingerprint(): string {
  return createHash('sha256').update(randomBytes(32)).digest('hex').toUpperCase().replace(/..(?!$)/g, '$&:');
}

/** The answer's SDP text (CRLF). */
export function answerTo(offer: LoadedSdp, options: AnswerCommandOptions): string {
  return buildAnswer(parseOffer(offer.text), answerOptions(options));
}
