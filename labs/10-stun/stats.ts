/**
 * What the server did with each datagram. A server on a public port receives all sorts (port
 * scanners, RTP sent to the wrong place, truncated packets), and the rule is: never answer what
 * you cannot parse, never crash on it, count it by reason so that someone can look.
 */
import type { BindingDropReason } from '#server/stun/index.ts';

/** Why a datagram got no answer: a StunParseError code, a bad FINGERPRINT, not a request, or not Binding. */
export type DropReason = BindingDropReason;

export class ServerStats {
  /** Binding success responses sent. */
  answered = 0;
  /** 420 (Unknown Attribute) error responses sent (RFC 8489 §6.3.1.1). */
  rejected = 0;
  /** Binding indications (keepalives): valid, and never answered (RFC 8489 §6.3.2). */
  indications = 0;
  /** Thrown away unread by --loss, to make the client retransmit. */
  lost = 0;
  readonly #dropped = new Map<DropReason, number>();

  drop(reason: DropReason): void {
    this.#dropped.set(reason, (this.#dropped.get(reason) ?? 0) + 1);
  }

  get dropped(): number {
    let total = 0;
    for (const count of this.#dropped.values()) total += count;
    return total;
  }

  /** One line: `answered 3, rejected 0, indications 0, dropped 2 (NOT_STUN 1, BAD_LENGTH 1)`. */
  format(): string {
    const reasons = [...this.#dropped].map(([reason, count]) => `${reason} ${count}`).join(', ');
    const lost = this.lost > 0 ? `, lost on purpose ${this.lost}` : '';
    return `answered ${this.answered}, rejected ${this.rejected}, indications ${this.indications}, dropped ${this.dropped}${reasons ? ` (${reasons})` : ''}${lost}`;
  }
}
