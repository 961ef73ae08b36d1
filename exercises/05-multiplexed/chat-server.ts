/**
 * Exercise 05-multiplexed, part 2: the chat server. One process, one event loop, every socket.
 *
 * startChatServer() listens with net.createServer and, for each connection:
 *   - starts a session with openSession() and carries out its outputs (the WELCOME line);
 *   - cuts the received bytes into lines ("\n"-terminated, a trailing "\r" dropped; a line may
 *     arrive in pieces, several may arrive in one read) and feeds each to handleLine(), keeping the
 *     state it returns for the next line;
 *   - carries out the outputs in order: 'reply' → write the line to this socket; 'room' → write it
 *     to every OTHER connection whose session is in that room; 'close' → end this socket;
 *   - answers the session's questions (ChatDirectory): a nickname is taken while any connection's
 *     session goes by it; a room's members are the sessions in it right now;
 *   - when the socket closes (QUIT, the client went away, or an error), carries out
 *     handleDisconnect(state) and forgets the connection, so its nickname is free again.
 *
 * Not graded, but worth doing (the reference does): a client that stops reading makes its
 * socket's write buffer grow without bound; disconnect it once socket.writableLength is too big.
 *
 * The protocol itself is in chat-session.ts.
 */
import type net from 'node:net';

export interface ChatServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

/** Starts the server and resolves once it is listening (read the real port from server.address()). */
export async function startChatServer(options: ChatServerOptions): Promise<net.Server> {
  // TODO: net.createServer; per connection a session state from openSession(), lines through
  // handleLine(), outputs delivered, a directory of nicknames and rooms, handleDisconnect() on close.
  throw new Error(`TODO: start the chat server on ${options.host ?? '127.0.0.1'}:${options.port}`);
}
