/**
 * Exercise 14-signaling (reference solution). See exercises/14-signaling/request-client.ts for the contract.
 *
 * The SFU's signaling client, server/src/signaling/client.ts, is this exercise's worked reference:
 * ids, a map of pending requests with their timers, responses matched by id, everything rejected
 * when the socket closes. It runs in browsers too, so it has its own small event emitter; this
 * adapts it to the exercise's node:events API and error class.
 */
import { EventEmitter, once } from 'node:events';
import { SignalingClient, type WebSocketLike } from '#server/signaling/client.ts';

export class RequestError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

export interface RequestClientOptions {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

export class RequestClient extends EventEmitter {
  readonly #client: SignalingClient;

  constructor(socket: WebSocketLike, options: RequestClientOptions = {}) {
    super();
    this.#client = new SignalingClient(socket, { requestTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
    this.#client.on('notification', (method, data) => this.emit('notification', method, data));
    this.#client.on('close', (info) => this.emit('close', info));
    // Unmatched error responses: the contract says to ignore them.
    this.#client.on('error', () => {});
  }

  get pendingCount(): number {
    return this.#client.pendingRequests;
  }

  async request(method: string, data: object = {}, options: { timeoutMs?: number } = {}): Promise<unknown> {
    try {
      return await this.#client.request(method, data, options);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      throw new RequestError(code ?? 'CONNECTION_CLOSED', message);
    }
  }

  close(): void {
    this.#client.close(1000);
  }
}

export async function nextEvent(emitter: EventEmitter, event: string, timeoutMs: number): Promise<unknown[]> {
  try {
    return await once(emitter, event, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw new RequestError('REQUEST_TIMEOUT', `no ${event} within ${timeoutMs} ms`);
    throw error;
  }
}
