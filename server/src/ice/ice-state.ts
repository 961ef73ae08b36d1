/**
 * The states of the SFU's ICE-lite agent (lite-agent.ts), named as mediasoup's
 * `IceState`:
 *
 *   new ─► connected ─► completed        a check authenticates; one with USE-CANDIDATE completes
 *            │   ▲         │   ▲
 *            ▼   │         ▼   │         consentTimeoutMs without an authenticated check (RFC 7675),
 *          disconnected ◄──┘   │         and back on the next one
 *            │     └───────────┘
 *            ▼
 *          closed                        closeAfterDisconnectedMs more in disconnected, or close()
 *
 * - `new`: no check has authenticated yet; nothing but STUN is accepted.
 * - `connected`: a check authenticated and its tuple is usable, but none is
 *   nominated. Chromium starts DTLS (and even SRTP) here, before any
 *   USE-CANDIDATE (fixtures README, "Ordering").
 * - `completed`: the peer nominated a tuple with USE-CANDIDATE (RFC 8445 §8.2).
 * - `disconnected`: consent expired. Every tuple is forgotten, so nothing is sent
 *   or accepted but checks; one that authenticates (also after an ICE restart)
 *   brings the agent back.
 * - `closed`: terminal. close() reaches it from any state.
 */
export type IceState = 'new' | 'connected' | 'completed' | 'disconnected' | 'closed';

/** Why the agent closed: close() was called, or consent expired and no check came back in time. */
export type IceCloseReason = 'closed' | 'consent-expired';
