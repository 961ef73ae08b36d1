/**
 * When a STUN client over UDP sends, and when it gives up (RFC 8489 §6.2.1). UDP may lose the
 * request or the response, so the client sends the same request (same transaction id, same
 * bytes) again: first after RTO, then after twice as long each time, Rc transmissions in all.
 * After the last one it waits Rm x RTO, then reports a timeout. With the RFC's RTO = 500 ms,
 * Rc = 7, Rm = 16: sent at 0, 500, 1500, 3500, 7500, 15500 and 31500 ms, failed at 39500 ms.
 */

/** RFC 8489 §6.2.1: "SHOULD be greater than 500 ms" on a network whose RTT is unknown. */
export const DEFAULT_RTO_MS = 500;
/** Rc: transmissions in all, "SHOULD be 7". */
export const DEFAULT_TRANSMISSIONS = 7;
/** Rm: after the last transmission, wait this many times RTO ("SHOULD be 16"). */
export const LAST_WAIT_IN_RTOS = 16;

/** How long to wait after each of `transmissions` sends: RTO, 2 RTO, 4 RTO ..., then Rm x RTO. */
export function waitsAfterEachTransmission(rtoMs: number, transmissions: number): number[] {
  return Array.from({ length: transmissions }, (_, index) => (index === transmissions - 1 ? LAST_WAIT_IN_RTOS * rtoMs : rtoMs * 2 ** index));
}
