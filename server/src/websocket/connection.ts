/**
 * One WebSocket connection after the handshake, on either side: messages in
 * and out, ping/pong keep-alive, the closing handshake, and failing the
 * connection on a protocol error (RFC 6455 §5–§7).
 *
 *   connection.on('message', ({ data, binary }) => connection.send(data));
 *   connection.on('close', ({ code, reason, wasClean, error }) => ...);
 *
 * Everything that goes wrong is local to this connection: a bad frame, a
 * peer that stops reading or stops answering closes this socket with the
 * status code of its WebSocketError (errors.ts) and nothing else.
 */
import type { Duplex } from 'node:stream';
import { serializeClosePayload, truncateUtf8 } from './close-frame.ts';
import { CloseCode } from './close-codes.ts';
import { WebSocketError } from './errors.ts';
import { Opcode, serializeFrame } from './frame.ts';
import { KeepAlive } from './keepalive.ts';
import { newMaskingKey } from './masking.ts';
import type { WebSocketMessage } from './message-assembler.ts';
import { type InboundEvent, Receiver } from './receiver.ts';
import { SendQueue } from './send-queue.ts';
import { TypedEmitter } from '../common/typed-emitter.ts';

export type ReadyState = 'open' | 'closing' | 'closed';

export interface CloseEvent {
  /**
   * The status of the peer's Close frame if one came (1005 if it had none),
   * else the one we failed the connection with, else 1006 (no Close at all).
   */
  code: number;
  reason: string;
  /** Both Close frames were exchanged before the TCP connection ended (RFC 6455 §7.1.4). */
  wasClean: boolean;
  /** Set when we failed the connection (RFC 6455 §7.1.7). */
  error: WebSocketError | undefined;
}

export type WebSocketConnectionEvents = {
  message: [WebSocketMessage];
  ping: [Uint8Array];
  pong: [Uint8Array];
  /** We are failing the connection; 'close' follows with the same error. */
  error: [WebSocketError];
  close: [CloseEvent];
};

export interface ConnectionLimits {
  /** Longer messages fail the connection with 1009. Default 1 MiB. */
  maxMessageSize?: number;
  /** Longer frames are refused from their header alone. Default: maxMessageSize. */
  maxFrameSize?: number;
  /** Bytes waiting for a slow reader before the connection is failed with 1008. Default 1 MiB. */
  maxQueuedBytes?: number;
  /** Send a ping this often; 0 for none. Default 30 s on a server, 0 on a client. */
  pingIntervalMs?: number;
  /** Fail with 1001 after this long without a byte from the peer; 0 for never. Default 75 s on a server, 0 on a client. */
  deadPeerTimeoutMs?: number;
  /** How long to wait for the other side of the closing handshake before dropping TCP. Default 5 s. */
  closeTimeoutMs?: number;
}

export interface ConnectionOptions extends ConnectionLimits {
  /** A server receives masked frames and sends unmasked ones; a client the reverse (RFC 6455 §5.1). */
  role: 'server' | 'client';
  /** The subprotocol agreed in the handshake. */
  protocol?: string | undefined;
  /** Bytes that arrived after the handshake's head, already read off the socket. */
  head?: Uint8Array | undefined;
}

export const DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;
export const DEFAULT_PING_INTERVAL_MS = 30_000;
export const DEFAULT_DEAD_PEER_TIMEOUT_MS = 75_000;
export const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

const EMPTY = new Uint8Array(0);

export class WebSocketConnection extends TypedEmitter<WebSocketConnectionEvents> {
  readonly role: 'server' | 'client';
  readonly protocol: string | undefined;
  readonly #socket: Duplex;
  readonly #receiver: Receiver;
  readonly #queue: SendQueue;
  readonly #keepAlive: KeepAlive;
  readonly #closeTimeoutMs: number;
  #state: ReadyState = 'open';
  /** No more input is processed: a Close came in, or we failed the connection. */
  #inputDone = false;
  #closeSent = false;
  #closeReceived: { code: number; reason: string } | undefined;
  #failure: WebSocketError | undefined;
  #closeTimer: NodeJS.Timeout | undefined;

  constructor(socket: Duplex, options: ConnectionOptions) {
    super();
    this.role = options.role;
    this.protocol = options.protocol;
    this.#socket = socket;
    const server = options.role === 'server';
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    this.#receiver = new Receiver({ expectMasked: server, maxMessageSize, maxFrameSize: options.maxFrameSize ?? maxMessageSize });
    this.#queue = new SendQueue(socket, {
      maxQueuedBytes: options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES,
      onOverflow: (queued) =>
        this.#fail(new WebSocketError('SEND_QUEUE_FULL', `websocket: peer is not reading, ${queued} bytes waiting to be sent`)),
    });
    this.#closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    this.#keepAlive = new KeepAlive({
      pingIntervalMs: options.pingIntervalMs ?? (server ? DEFAULT_PING_INTERVAL_MS : 0),
      deadPeerTimeoutMs: options.deadPeerTimeoutMs ?? (server ? DEFAULT_DEAD_PEER_TIMEOUT_MS : 0),
      sendPing: () => this.ping(),
      onDeadPeer: () => this.#fail(new WebSocketError('DEAD_PEER', 'websocket: nothing received from the peer within the dead-peer timeout')),
    });

    if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    // The peer half-closed: nothing more will come (http.Server sockets allow half-open, so end ours too).
    socket.on('end', () => {
      this.#inputDone = true;
      socket.end();
    });
    socket.on('error', () => {
      // 'close' follows; a reset peer is reported there as 1006.
    });
    socket.on('close', () => this.#onSocketClose());
    this.#keepAlive.start();
    const head = options.head;
    // After the caller has had the chance to add listeners.
    if (head !== undefined && head.length > 0) process.nextTick(() => this.#onData(head));
  }

  get readyState(): ReadyState {
    return this.#state;
  }

  /** Bytes accepted by send() and not yet handed to the kernel (like the browser's bufferedAmount). */
  get bufferedAmount(): number {
    return this.#queue.bufferedAmount;
  }

  /**
   * Sends a text (string) or binary message. Returns false, sending nothing,
   * once the connection is closing: RFC 6455 §5.5.1 forbids data after Close.
   */
  send(data: string | Uint8Array): boolean {
    if (this.#state !== 'open') return false;
    if (typeof data === 'string') this.#sendFrame(Opcode.Text, Buffer.from(data, 'utf8'));
    else this.#sendFrame(Opcode.Binary, data);
    return true;
  }

  /** RFC 6455 §5.5.2; at most 125 bytes of payload. */
  ping(payload: Uint8Array = EMPTY): boolean {
    if (this.#state !== 'open') return false;
    this.#sendFrame(Opcode.Ping, payload);
    return true;
  }

  /**
   * Starts the closing handshake (RFC 6455 §7.1.2): sends Close and waits for
   * the peer's, then the TCP connection ends. Throws RangeError for a code that
   * may not be sent or a reason over 123 bytes.
   */
  close(code: number = CloseCode.Normal, reason = ''): void {
    const payload = serializeClosePayload(code, reason);
    if (this.#state !== 'open') return;
    this.#state = 'closing';
    this.#sendClose(payload);
    this.#armCloseTimer();
  }

  /** Drops the TCP connection at once, without a closing handshake (reported as 1006). */
  terminate(): void {
    this.#socket.destroy();
  }

  #sendFrame(opcode: Opcode, payload: Uint8Array): void {
    const maskingKey = this.role === 'client' ? newMaskingKey() : undefined;
    this.#queue.push(serializeFrame({ fin: true, opcode, maskingKey, payload }));
  }

  #sendClose(payload: Uint8Array): void {
    this.#closeSent = true;
    this.#sendFrame(Opcode.Close, payload);
  }

  #onData(chunk: Uint8Array): void {
    if (this.#inputDone) return;
    this.#keepAlive.activity();
    this.#receiver.push(chunk);
    try {
      for (let event = this.#receiver.next(); event !== undefined; event = this.#receiver.next()) {
        this.#handle(event);
        if (this.#inputDone) return;
      }
    } catch (error) {
      this.#fail(error instanceof WebSocketError ? error : new WebSocketError('INTERNAL_ERROR', 'websocket: internal error', { cause: error }));
    }
  }

  #handle(event: InboundEvent): void {
    switch (event.kind) {
      case 'message':
        // After our Close the application said it is done; what still arrives is dropped (§7.1.2).
        if (this.#state === 'open') this.safeEmit('message', event.message);
        return;
      case 'ping':
        // RFC 6455 §5.5.2: answer with a Pong carrying the same data, unless Close has been sent.
        if (this.#state === 'open') this.#sendFrame(Opcode.Pong, event.payload);
        this.safeEmit('ping', event.payload);
        return;
      case 'pong':
        this.safeEmit('pong', event.payload);
        return;
      case 'close':
        this.#onClose(event.code, event.reason);
    }
  }

  /** RFC 6455 §5.5.1: answer a Close with a Close (echoing its status and reason), then the server ends TCP (§7.1.1). */
  #onClose(code: number, reason: string): void {
    this.#inputDone = true;
    this.#closeReceived = { code, reason };
    if (this.#state === 'open') {
      this.#state = 'closing';
      this.#sendClose(code === CloseCode.NoStatusReceived ? EMPTY : serializeClosePayload(code, reason));
    }
    // The server closes TCP first so that it, not the client, holds TIME_WAIT (§7.1.1);
    // the client waits for that, within the close timeout.
    if (this.role === 'server') this.#queue.end();
    this.#armCloseTimer();
  }

  /** RFC 6455 §7.1.7 "Fail the WebSocket Connection": send Close with the error's code if we can, then close TCP. */
  #fail(error: WebSocketError): void {
    if (this.#state === 'closed' || this.#failure !== undefined) return;
    this.#failure = error;
    this.#inputDone = true;
    this.#keepAlive.stop();
    this.safeEmit('error', error);
    if (error.code === 'DEAD_PEER') {
      // Nobody is listening; a Close frame would only sit in a buffer.
      this.#socket.destroy();
      return;
    }
    if (error.code === 'SEND_QUEUE_FULL') this.#queue.clear();
    if (!this.#closeSent) {
      this.#sendClose(serializeClosePayload(error.closeCode, truncateUtf8(error.message)));
    }
    this.#state = 'closing';
    this.#queue.end();
    this.#armCloseTimer();
  }

  #armCloseTimer(): void {
    if (this.#closeTimer !== undefined || this.#state === 'closed') return;
    this.#closeTimer = setTimeout(() => this.#socket.destroy(), this.#closeTimeoutMs).unref();
  }

  #onSocketClose(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#inputDone = true;
    this.#keepAlive.stop();
    this.#queue.dispose();
    clearTimeout(this.#closeTimer);
    const received = this.#closeReceived;
    const failure = this.#failure;
    this.safeEmit('close', {
      code: received?.code ?? failure?.closeCode ?? CloseCode.AbnormalClosure,
      reason: received?.reason ?? (failure === undefined ? '' : truncateUtf8(failure.message)),
      wasClean: received !== undefined && this.#closeSent && failure === undefined,
      error: failure,
    });
  }
}
