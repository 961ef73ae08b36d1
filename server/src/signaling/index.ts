/**
 * Signaling for the SFU demo: rooms, peers and relayed SDP/ICE over WebSocket.
 * PROTOCOL.md is the message table; messages.ts the same as types.
 */
export * from './messages.ts';
export { SignalingError } from './errors.ts';
export { type PeerEvent, type SignalingServerEvents, type SignalingServerOptions, DEFAULT_LIMITS, SignalingServer } from './server.ts';
export type { SignalingLimits } from './session.ts';
export type { LeaveReason, RoomMember } from './rooms.ts';
export type { ExtensionMethod, MethodCall, SignalingExtension } from './extension.ts';
export { type TokenClaims, MIN_SECRET_BYTES, mintToken, mintTokenFor, verifyToken } from './token.ts';
export {
  type ClientErrorCode,
  type RequestOptions,
  type SignalingClientEvents,
  type SignalingClientOptions,
  type WebSocketLike,
  SignalingClient,
  SignalingRequestError,
} from './client.ts';
export { openNodeWebSocket } from './node-socket.ts';
