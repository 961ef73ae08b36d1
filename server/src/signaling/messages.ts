/**
 * Every message of the signaling protocol, version 1, as TypeScript types.
 * PROTOCOL.md is the table in prose; this file is the same table for the
 * compiler. It holds types and constant name lists only, no imports, so the browser
 * can load it (see PROTOCOL.md, "Loading the client in a browser").
 *
 * Three envelopes travel as JSON in WebSocket text frames:
 *
 *   client → server   { v: 1, type: 'request', id, method, data }
 *   server → client   { v: 1, type: 'response', id, ok: true, data }
 *                     { v: 1, type: 'response', id, ok: false, error: { code, message } }
 *   server → client   { v: 1, type: 'notification', method, data }
 */

/** The `v` of every message. A server answers any other value with UNSUPPORTED_VERSION. */
export const PROTOCOL_VERSION = 1;
export type ProtocolVersion = typeof PROTOCOL_VERSION;

/** Chosen by the client, unique among its requests still waiting for a response. */
export type RequestId = number;

export interface RequestMessage<M extends string = string, D = unknown> {
  v: ProtocolVersion;
  type: 'request';
  id: RequestId;
  method: M;
  data: D;
}

export interface SuccessResponse<D = unknown> {
  v: ProtocolVersion;
  type: 'response';
  id: RequestId;
  ok: true;
  data: D;
}

export interface ErrorResponse {
  v: ProtocolVersion;
  type: 'response';
  /** null when the request's id could not be read (bad JSON, no id, message too big). */
  id: RequestId | null;
  ok: false;
  error: WireError;
}

export type ResponseMessage<D = unknown> = SuccessResponse<D> | ErrorResponse;

export interface NotificationMessage<M extends string = string, D = unknown> {
  v: ProtocolVersion;
  type: 'notification';
  method: M;
  data: D;
}

export type ServerMessage = ResponseMessage | NotificationMessage;

/** The error half of a failed response. Branch on `code`; `message` is for people. */
export interface WireError {
  code: SignalingErrorCode;
  message: string;
}

/**
 * Stable error codes sent on the wire (see PROTOCOL.md for when each is sent).
 * The client adds two of its own that never travel: REQUEST_TIMEOUT and
 * CONNECTION_CLOSED (see client.ts).
 */
export const SIGNALING_ERROR_CODES = [
  'BAD_REQUEST',
  'UNSUPPORTED_VERSION',
  'UNKNOWN_METHOD',
  'NOT_JOINED',
  'ALREADY_JOINED',
  'ROOM_FULL',
  'TOKEN_REQUIRED',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_WRONG_ROOM',
  'RATE_LIMITED',
  'MESSAGE_TOO_BIG',
  'PEER_NOT_FOUND',
  'INTERNAL_ERROR',
] as const;
export type SignalingErrorCode = (typeof SIGNALING_ERROR_CODES)[number];

// ---------------------------------------------------------------------------
// Mesh mode (v1): methods and their data.
// ---------------------------------------------------------------------------

/** A peer as other peers see it. `id` is assigned by the server on join. */
export interface PeerInfo {
  id: string;
  name: string;
}

export interface JoinRequest {
  /** 1–64 characters of [A-Za-z0-9_-]. Rooms are created on first join. */
  room: string;
  /** 1–64 characters, shown to others. With a token, the token's identity is used instead. */
  name?: string;
  /** Required when the server has requireToken; see token.ts for the format. */
  token?: string;
}

export interface JoinResponse {
  peerId: string;
  /** Everyone already in the room, oldest first (the newcomer is not listed). */
  peers: PeerInfo[];
}

/** What a WebRTC peer relays to another: a session description or an ICE candidate. */
export type RelayPayload =
  | { kind: 'description'; description: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string } }
  | {
      kind: 'candidate';
      /** null: end of candidates (RTCPeerConnection's null candidate). */
      candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null;
    };

export interface RelayRequest {
  /** The peerId of another peer in the same room. */
  to: string;
  /** Any JSON object; the server forwards it without looking inside. RelayPayload is what the web app sends. */
  payload: RelayPayload | Record<string, unknown>;
}

export type EmptyData = Record<string, never>;

/** Request methods: the data each takes and the data its success response carries. */
export interface RequestMap {
  join: { data: JoinRequest; response: JoinResponse };
  leave: { data: EmptyData; response: EmptyData };
  relay: { data: RelayRequest; response: EmptyData };
}
export type RequestMethod = keyof RequestMap;

export interface PeerLeftData {
  id: string;
}

export interface RelayedData {
  from: string;
  payload: RelayRequest['payload'];
}

/** Server-to-client notifications and their data. */
export interface NotificationMap {
  peerJoined: PeerInfo;
  peerLeft: PeerLeftData;
  relayed: RelayedData;
}
export type NotificationMethod = keyof NotificationMap;

/**
 * Reserved for SFU mode (next issue): a v1 server answers them UNKNOWN_METHOD
 * today, and no other meaning may be given to these names.
 */
export const SFU_RESERVED_METHODS = [
  'getRouterRtpCapabilities',
  'createTransport',
  'connectTransport',
  'restartIce',
  'closeTransport',
  'produce',
  'closeProducer',
  'pauseProducer',
  'resumeProducer',
  'consume',
  'closeConsumer',
  'pauseConsumer',
  'resumeConsumer',
] as const;

/** Reserved notification names for SFU mode. */
export const SFU_RESERVED_NOTIFICATIONS = [
  'newProducer',
  'producerClosed',
  'producerPaused',
  'producerResumed',
  'consumerClosed',
  'consumerPaused',
  'consumerResumed',
  'transportClosed',
] as const;

// ---------------------------------------------------------------------------
// Server-side state (not on the wire; returned by SignalingServer.rooms()).
// ---------------------------------------------------------------------------

export interface PeerState extends PeerInfo {
  /** Milliseconds since the Unix epoch (Date.now()) when the join succeeded. */
  joinedAt: number;
}

export interface RoomState {
  id: string;
  /** Oldest first. */
  peers: PeerState[];
}
