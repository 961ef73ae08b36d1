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
  // SFU mode
  'BAD_SDP',
  'INVALID_STATE',
  'PRODUCER_NOT_FOUND',
  'CONSUMER_NOT_FOUND',
  'MEDIA_ERROR',
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
  /** 'sfu' from a server in SFU mode; absent in mesh mode. */
  mode?: 'sfu';
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

// ---------------------------------------------------------------------------
// SFU mode (v1): the browser publishes with an offer the SFU answers, and
// receives with offers the SFU makes (PROTOCOL.md, "SFU mode").
// ---------------------------------------------------------------------------

export type MediaKind = 'audio' | 'video';

/** An SDP text (RFC 8866), as RTCSessionDescription.sdp has it. */
export interface SdpData {
  sdp: string;
}

/** One track the SFU receives from the caller: its send m-line. */
export interface PublishedTrack {
  producerId: string;
  mid: string;
  kind: MediaKind;
}

export interface PublishResponse {
  /** The SFU's answer: setRemoteDescription({ type: 'answer', sdp }). */
  sdp: string;
  /** Every track the SFU receives from the caller after this negotiation, in m-line order. */
  producers: PublishedTrack[];
}

/** One track the caller receives: an m-line of the SFU's offer. */
export interface ConsumerInfo {
  consumerId: string;
  mid: string;
  producerId: string;
  /** Whose track it is. */
  peerId: string;
  kind: MediaKind;
  /** The publisher muted it (pauseProducer); nothing flows until producerResumed. */
  producerPaused: boolean;
}

export interface SubscriberOfferData {
  /** The SFU's offer: setRemoteDescription({ type: 'offer', sdp }), then answer with subscribeAnswer. */
  sdp: string;
  /** Every track of this offer (m-lines not listed are inactive), in m-line order. */
  consumers: ConsumerInfo[];
}

export interface ProducerIdData {
  producerId: string;
}

export interface ConsumerIdData {
  consumerId: string;
}

/** Which of the caller's connections restarts ICE; the send connection restarts through `publish`. */
export interface RestartIceData {
  direction: 'recv';
}

export interface ProducerStateData {
  producerId: string;
  peerId: string;
  kind: MediaKind;
}

/** Request methods: the data each takes and the data its success response carries. */
export interface RequestMap {
  join: { data: JoinRequest; response: JoinResponse };
  leave: { data: EmptyData; response: EmptyData };
  relay: { data: RelayRequest; response: EmptyData };
  // SFU mode
  publish: { data: SdpData; response: PublishResponse };
  subscribeAnswer: { data: SdpData; response: EmptyData };
  pauseProducer: { data: ProducerIdData; response: EmptyData };
  resumeProducer: { data: ProducerIdData; response: EmptyData };
  pauseConsumer: { data: ConsumerIdData; response: EmptyData };
  resumeConsumer: { data: ConsumerIdData; response: EmptyData };
  restartIce: { data: RestartIceData; response: EmptyData };
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
  // SFU mode
  subscriberOffer: SubscriberOfferData;
  producerPaused: ProducerStateData;
  producerResumed: ProducerStateData;
}
export type NotificationMethod = keyof NotificationMap;

/** The SFU-mode requests: a mesh-mode server answers them UNKNOWN_METHOD. */
export const SFU_METHODS = ['publish', 'subscribeAnswer', 'pauseProducer', 'resumeProducer', 'pauseConsumer', 'resumeConsumer', 'restartIce'] as const;

/**
 * The SFU's names: a mesh-mode server answers every one UNKNOWN_METHOD; an
 * SFU-mode server implements SFU_METHODS and keeps the rest for a later,
 * ORTC-level API (mediasoup-client's shape). No other meaning may be given to them.
 */
export const SFU_RESERVED_METHODS = [
  ...SFU_METHODS,
  'getRouterRtpCapabilities',
  'createTransport',
  'connectTransport',
  'closeTransport',
  'produce',
  'closeProducer',
  'consume',
  'closeConsumer',
] as const;

/** Reserved notification names for SFU mode (the first three are sent in SFU mode already). */
export const SFU_RESERVED_NOTIFICATIONS = [
  'subscriberOffer',
  'producerPaused',
  'producerResumed',
  'newProducer',
  'producerClosed',
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
