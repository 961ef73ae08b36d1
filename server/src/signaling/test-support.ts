/** Test-only helpers shared by the signaling tests (mesh and SFU mode). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { SignalingClient, SignalingRequestError } from './client.ts';
import { openNodeWebSocket } from './node-socket.ts';
import { type SignalingServerOptions, SignalingServer } from './server.ts';

export interface ListeningSignaling {
  signaling: SignalingServer;
  /** ws://127.0.0.1:<port>/ws */
  url: string;
  /** A client on `url` (Node's socket, 3 s request timeout); closing the server closes it too. */
  client(): Promise<SignalingClient>;
  /** Closes the signaling server (1001 to every client), then the HTTP server. */
  close(): Promise<void>;
}

/** A signaling server on an HTTP server on a free loopback port. */
export async function listenSignaling(options: SignalingServerOptions = {}): Promise<ListeningSignaling> {
  const server = http.createServer((_request, response) => response.end());
  const signaling = new SignalingServer(options).attach(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  return {
    signaling,
    url,
    client: () => SignalingClient.connect(url, { createSocket: openNodeWebSocket, requestTimeoutMs: 3000 }),
    async close() {
      await signaling.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The error code a request failed with, or 'OK'. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignalingRequestError) return error.code;
    throw error;
  }
  return 'OK';
}

/** Polls `condition` every 5 ms until it holds; throws after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await delay(5);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
