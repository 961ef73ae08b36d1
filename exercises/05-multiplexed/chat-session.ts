/**
 * Exercise 05-multiplexed, part 1: one chat connection as a pure state machine.
 *
 * No sockets here. The server (chat-server.ts) feeds each received line to handleLine() together
 * with the session's current state, stores the state it gets back, and carries out the outputs.
 *
 *   awaiting-nick ──NICK──▶ in-lobby ──JOIN──▶ in-room
 *                              ▲                  │
 *                              └──────LEAVE───────┘          QUIT from any state ──▶ closed
 *
 * On connect (openSession): state awaiting-nick, reply  WELCOME send NICK <name>
 *
 * Commands are case-sensitive; the command is the text before the first space, its argument
 * everything after it. Nicknames and room names are 1-16 letters, digits, '_' or '-'.
 *
 *   NICK <name>   awaiting-nick: reply  OK NICK <name>, go to in-lobby
 *                   name invalid        ERR bad nick: use 1-16 letters, digits, _ or -
 *                   name in use         ERR nick <name> is taken           (ask directory.isNickTaken)
 *                 in-lobby, in-room:    ERR already named <nick>
 *   JOIN <room>   in-lobby: reply OK JOIN <room>; to the room: JOINED <room> <nick>; go to in-room
 *                   room invalid        ERR bad room: use 1-16 letters, digits, _ or -
 *                 in-room:              ERR already in <room>, LEAVE first
 *   MSG <text>    in-room: to the room: MSG <room> <nick> <text>  (no reply to the sender)
 *                   text empty or blank ERR MSG needs text
 *   LEAVE         in-room: reply OK LEAVE <room>; to the room: LEFT <room> <nick>; go to in-lobby
 *   WHO           in-room: reply WHO <room> <every member's nick, sorted, own included, one space apart>
 *                   (ask directory.membersOf(room))
 *   QUIT          any state: reply BYE; if in a room, to the room: LEFT <room> <nick>; then close;
 *                 go to closed
 *
 * Errors for a command that needs more than the current state has:
 *   awaiting-nick: JOIN, MSG, LEAVE, WHO    ERR <command> before NICK       e.g. "ERR JOIN before NICK"
 *   in-lobby:      MSG, LEAVE, WHO          ERR <command> outside a room    e.g. "ERR WHO outside a room"
 * Any other command: ERR unknown command <command>. An empty line: no outputs, same state.
 * In the closed state every line is ignored (no outputs).
 *
 * handleDisconnect(state): what the others must hear when the connection drops without QUIT:
 * LEFT <room> <nick> to the room when in-room, nothing otherwise.
 *
 * Outputs come in this order: the reply to this connection first, then what goes to the room,
 * then close. "To the room" means every other member of that room; the server delivers it.
 */

export type SessionState =
  | { readonly kind: 'awaiting-nick' }
  | { readonly kind: 'in-lobby'; readonly nick: string }
  | { readonly kind: 'in-room'; readonly nick: string; readonly room: string }
  | { readonly kind: 'closed' };

export type ChatOutput =
  /** A line for this connection. */
  | { readonly kind: 'reply'; readonly line: string }
  /** A line for every other member of `room`. */
  | { readonly kind: 'room'; readonly room: string; readonly line: string }
  /** End this connection (after the lines before it are sent). */
  | { readonly kind: 'close' };

export interface Transition {
  readonly state: SessionState;
  readonly outputs: readonly ChatOutput[];
}

/** What a session may ask about the other connections; the server answers. */
export interface ChatDirectory {
  /** True when a connection already goes by this nickname. */
  isNickTaken(nick: string): boolean;
  /** The nicknames in `room` right now, in any order (the asking session's own included). */
  membersOf(room: string): readonly string[];
}

/** The first state of a new connection and its greeting. */
export function openSession(): Transition {
  throw new Error('TODO: start in awaiting-nick and greet with WELCOME (see the header comment)');
}

/** One received line (without its "\n") moves the session to its next state. */
export function handleLine(state: SessionState, line: string, directory: ChatDirectory): Transition {
  throw new Error(`TODO: handle "${line}" in state ${state.kind} (directory: ${typeof directory})`);
}

/** What the others hear when the connection drops without QUIT. */
export function handleDisconnect(state: SessionState): readonly ChatOutput[] {
  throw new Error(`TODO: announce the departure of a session in state ${state.kind}`);
}
