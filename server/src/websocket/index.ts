/**
 * WebSocket (RFC 6455) on Node's built-ins: framing, masking, fragmentation,
 * keep-alive, the closing handshake, backpressure, and the opening handshake
 * on both sides. No extensions are negotiated (no permessage-deflate), so
 * RSV bits are always an error.
 */
export { CloseCode, isValidCloseCode } from './close-codes.ts';
export { type ClosePayload, MAX_CLOSE_REASON_BYTES, parseClosePayload, serializeClosePayload, truncateUtf8 } from './close-frame.ts';
export {
  type CloseEvent,
  type ConnectionLimits,
  type ConnectionOptions,
  type ReadyState,
  type WebSocketConnectionEvents,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_DEAD_PEER_TIMEOUT_MS,
  DEFAULT_MAX_MESSAGE_SIZE,
  DEFAULT_MAX_QUEUED_BYTES,
  DEFAULT_PING_INTERVAL_MS,
  WebSocketConnection,
} from './connection.ts';
export { type ConnectOptions, connectWebSocket } from './client.ts';
export {
  type ConnectErrorCode,
  type HandshakeErrorCode,
  type HandshakeStatus,
  type WebSocketErrorCode,
  ConnectError,
  HandshakeError,
  WebSocketError,
} from './errors.ts';
export { FrameParser, type FrameParserOptions } from './frame-parser.ts';
export {
  type Frame,
  type FrameHeader,
  type ParseFrameOptions,
  MAX_CONTROL_PAYLOAD,
  Opcode,
  frameHeaderSize,
  isControlOpcode,
  parseFrame,
  parseFrameHeader,
  serializeFrame,
  serializeInto,
  serializedSize,
} from './frame.ts';
export {
  type AcceptedHandshake,
  type ClientRequest,
  type HandshakePolicy,
  type UpgradeRequestHead,
  WEBSOCKET_GUID,
  WEBSOCKET_VERSION,
  acceptResponseHead,
  checkUpgradeRequest,
  checkUpgradeResponse,
  clientRequestHead,
  computeAcceptKey,
  generateKey,
  rejectResponseHead,
} from './handshake.ts';
export { type HeaderFields, type RequestHead, type ResponseHead, MAX_HEAD_BYTES, findHeadEnd, parseRequestHead, parseResponseHead } from './http-head.ts';
export { KeepAlive, type KeepAliveOptions } from './keepalive.ts';
export { MASKING_KEY_SIZE, applyMask, newMaskingKey } from './masking.ts';
export { MessageAssembler, type WebSocketMessage } from './message-assembler.ts';
export { type InboundEvent, Receiver, type ReceiverOptions } from './receiver.ts';
export { type ByteSink, SendQueue, type SendQueueOptions } from './send-queue.ts';
export { TypedEmitter } from '../common/typed-emitter.ts';
export { type WebSocketServerEvents, type WebSocketServerOptions, WebSocketServer } from './server.ts';
