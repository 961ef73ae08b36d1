/**
 * How a mode adds methods to the protocol without the server knowing what
 * they do (SFU mode: `sfu/sfu-room-service.ts`). The server keeps what every
 * mode shares: connections, rooms, tokens, limits, and answering each request
 * exactly once and in order; an extension answers its own methods for joined
 * peers and hears when peers come and go.
 *
 *   new SignalingServer({ extension: sfuRoomService });
 */
import type { PeerState } from './messages.ts';
import type { LeaveReason, RoomMember } from './rooms.ts';

/** One request to an extension method, from a peer that has joined `room`. */
export interface MethodCall {
  readonly requestId: number;
  readonly data: Record<string, unknown>;
  readonly room: string;
  readonly peer: PeerState;
}

/**
 * Answers one request: the response `data`, now or later. Throw (or reject
 * with) a SignalingError for a refusal; anything else is answered
 * INTERNAL_ERROR and reported as a bug. Later requests of the same connection
 * wait until this one is answered, so a client sees its answers in order.
 */
export type ExtensionMethod = (call: MethodCall) => object | Promise<object>;

export interface SignalingExtension {
  /** Method name → handler. Needs a joined connection (NOT_JOINED before); a mesh method's name is not overridden. */
  readonly methods: ReadonlyMap<string, ExtensionMethod>;
  /** Merged into every `join` response (e.g. `{ mode: 'sfu' }`); the server's own fields win. */
  readonly joinData?: Readonly<Record<string, unknown>>;
  /**
   * `member` joined `room`; the others have had peerJoined, the newcomer's
   * response is sent right after this returns. `member.notify` reaches the
   * peer until peerLeft.
   */
  peerJoined(room: string, member: RoomMember): void;
  /** The peer left `room` (after the others got peerLeft); its connection may already be closed. */
  peerLeft(room: string, peer: PeerState, reason: LeaveReason): void;
}
