/**
 * Exercise 05-multiplexed, part 1: one chat connection as a pure state machine (reference solution).
 * See exercises/05-multiplexed/chat-session.ts for the protocol and the state diagram.
 *
 * Every function here returns a new state and a list of outputs; nothing touches a socket, so a
 * table of (state, line) → (state, outputs) tests all of it.
 */

// The exported types are the exercise's contract, documented in exercises/05-multiplexed/chat-session.ts.
type InRoom = { readonly kind: 'in-room'; readonly nick: string; readonly room: string };
type OpenState = { readonly kind: 'awaiting-nick' } | { readonly kind: 'in-lobby'; readonly nick: string } | InRoom;
export type SessionState = OpenState | { readonly kind: 'closed' };
export type ChatOutput =
  { readonly kind: 'reply'; readonly line: string } | { readonly kind: 'room'; readonly room: string; readonly line: string } | { readonly kind: 'close' };
export interface Transition { readonly state: SessionState; readonly outputs: readonly ChatOutput[] }
export interface ChatDirectory { isNickTaken(nick: string): boolean; membersOf(room: string): readonly string[] }

const VALID_NAME = /^[A-Za-z0-9_-]{1,16}$/;
const NAME_RULE = 'use 1-16 letters, digits, _ or -';

const reply = (line: string): ChatOutput => ({ kind: 'reply', line });
const toRoom = (room: string, line: string): ChatOutput => ({ kind: 'room', room, line });
const transition = (state: SessionState, ...outputs: ChatOutput[]): Transition => ({ state, outputs });
const leftNotice = (state: InRoom): ChatOutput => toRoom(state.room, `LEFT ${state.room} ${state.nick}`);

export function openSession(): Transition {
  return transition({ kind: 'awaiting-nick' }, reply('WELCOME send NICK <name>'));
}

function chooseNick(state: OpenState, nick: string, directory: ChatDirectory): Transition {
  if (state.kind !== 'awaiting-nick') return transition(state, reply(`ERR already named ${state.nick}`));
  if (!VALID_NAME.test(nick)) return transition(state, reply(`ERR bad nick: ${NAME_RULE}`));
  if (directory.isNickTaken(nick)) return transition(state, reply(`ERR nick ${nick} is taken`));
  return transition({ kind: 'in-lobby', nick }, reply(`OK NICK ${nick}`));
}

function join(state: OpenState, room: string): Transition {
  if (state.kind === 'awaiting-nick') return transition(state, reply('ERR JOIN before NICK'));
  if (state.kind === 'in-room') return transition(state, reply(`ERR already in ${state.room}, LEAVE first`));
  if (!VALID_NAME.test(room)) return transition(state, reply(`ERR bad room: ${NAME_RULE}`));
  return transition({ kind: 'in-room', nick: state.nick, room }, reply(`OK JOIN ${room}`), toRoom(room, `JOINED ${room} ${state.nick}`));
}

/** Runs `act` for a session in a room; any other state gets the error naming what it lacks. */
function inRoomOnly(state: OpenState, command: string, act: (state: InRoom) => Transition): Transition {
  if (state.kind === 'awaiting-nick') return transition(state, reply(`ERR ${command} before NICK`));
  if (state.kind === 'in-lobby') return transition(state, reply(`ERR ${command} outside a room`));
  return act(state);
}

export function handleLine(state: SessionState, line: string, directory: ChatDirectory): Transition {
  if (state.kind === 'closed' || line === '') return transition(state);
  const space = line.indexOf(' ');
  const command = space < 0 ? line : line.slice(0, space);
  const argument = space < 0 ? '' : line.slice(space + 1);
  switch (command) {
    case 'NICK':
      return chooseNick(state, argument, directory);
    case 'JOIN':
      return join(state, argument);
    case 'MSG':
      return inRoomOnly(state, command, (member) =>
        argument.trim() === ''
          ? transition(member, reply('ERR MSG needs text'))
          : transition(member, toRoom(member.room, `MSG ${member.room} ${member.nick} ${argument}`)),
      );
    case 'LEAVE':
      return inRoomOnly(state, command, (member) =>
        transition({ kind: 'in-lobby', nick: member.nick }, reply(`OK LEAVE ${member.room}`), leftNotice(member)),
      );
    case 'WHO':
      return inRoomOnly(state, command, (member) =>
        transition(member, reply(`WHO ${member.room} ${[...directory.membersOf(member.room)].sort().join(' ')}`)),
      );
    case 'QUIT':
      return transition({ kind: 'closed' }, reply('BYE'), ...handleDisconnect(state), { kind: 'close' });
    default:
      return transition(state, reply(`ERR unknown command ${command}`));
  }
}

export function handleDisconnect(state: SessionState): readonly ChatOutput[] {
  return state.kind === 'in-room' ? [leftNotice(state)] : [];
}
