/**
 * Exercise 05-multiplexed, part 2: the chat server (reference solution).
 * See exercises/05-multiplexed/chat-server.ts for the contract.
 *
 * Every socket is served by this one process: libuv's epoll wakes the loop when any of them is
 * readable, the 'line' handler runs one step of that connection's state machine, and returns.
 * Nothing here ever waits for a particular client.
 */
import net from 'node:net';
import readline from 'node:readline';
import { handleDisconnect, handleLine, openSession, type ChatDirectory, type ChatOutput, type SessionState, type Transition } from './chat-session.ts';

export interface ChatServerOptions {
  /** TCP port; 0 asks the kernel for a free one. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
}

/**
 * A client that stops reading leaves our writes queued in its socket. Past this much, drop it:
 * one slow consumer must not make the server hold unbounded memory for everyone's messages.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

interface Connection {
  readonly socket: net.Socket;
  state: SessionState;
}

/** Who goes by which nickname and who sits in which room, kept in step with every session's state. */
class ChatRegistry implements ChatDirectory {
  readonly #nicks = new Set<string>();
  /** room → its members and their nicknames; a room exists while someone is in it. */
  readonly #rooms = new Map<string, Map<Connection, string>>();

  isNickTaken(nick: string): boolean {
    return this.#nicks.has(nick);
  }

  membersOf(room: string): readonly string[] {
    return [...(this.#rooms.get(room)?.values() ?? [])];
  }

  othersIn(room: string, except: Connection): Connection[] {
    return [...(this.#rooms.get(room)?.keys() ?? [])].filter((member) => member !== except);
  }

  /** Sets the connection's state, moving its nickname and room membership along with it. */
  move(connection: Connection, next: SessionState): void {
    const previous = connection.state;
    if (previous.kind === 'in-lobby' || previous.kind === 'in-room') this.#nicks.delete(previous.nick);
    if (previous.kind === 'in-room') {
      const members = this.#rooms.get(previous.room);
      members?.delete(connection);
      if (members?.size === 0) this.#rooms.delete(previous.room);
    }
    if (next.kind === 'in-lobby' || next.kind === 'in-room') this.#nicks.add(next.nick);
    if (next.kind === 'in-room') {
      const members = this.#rooms.get(next.room) ?? new Map<Connection, string>();
      this.#rooms.set(next.room, members.set(connection, next.nick));
    }
    connection.state = next;
  }
}

function send(connection: Connection, line: string): void {
  const { socket } = connection;
  if (!socket.writable) return;
  socket.write(line + '\n');
  if (socket.writableLength > MAX_UNSENT_BYTES) socket.destroy();
}

export async function startChatServer(options: ChatServerOptions): Promise<net.Server> {
  const registry = new ChatRegistry();

  const carryOut = (connection: Connection, outputs: readonly ChatOutput[]): void => {
    for (const output of outputs) {
      if (output.kind === 'reply') send(connection, output.line);
      else if (output.kind === 'room') registry.othersIn(output.room, connection).forEach((other) => send(other, output.line));
      else connection.socket.end();
    }
  };

  const server = net.createServer((socket) => {
    // 'closed' only until openSession() below gives the real first state.
    const connection: Connection = { socket, state: { kind: 'closed' } };
    const apply = ({ state, outputs }: Transition): void => {
      registry.move(connection, state);
      carryOut(connection, outputs);
    };
    apply(openSession());
    // readline cuts the byte stream into lines, however the reads split it.
    readline
      .createInterface({ input: socket, crlfDelay: Infinity })
      .on('line', (line) => apply(handleLine(connection.state, line, registry)));
    // 'close' follows every way a connection can end, an error included.
    socket.on('error', () => {});
    socket.on('close', () => apply({ state: { kind: 'closed' }, outputs: handleDisconnect(connection.state) }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  return server;
}
