import { describe, expect, it } from 'vitest';
import { handleDisconnect, handleLine, openSession, type ChatDirectory, type ChatOutput, type SessionState } from '../chat-session.ts';

const awaitingNick: SessionState = { kind: 'awaiting-nick' };
const closed: SessionState = { kind: 'closed' };
const inLobby = (nick: string): SessionState => ({ kind: 'in-lobby', nick });
const inRoom = (nick: string, room: string): SessionState => ({ kind: 'in-room', nick, room });

const reply = (line: string): ChatOutput => ({ kind: 'reply', line });
const toRoom = (room: string, line: string): ChatOutput => ({ kind: 'room', room, line });
const close: ChatOutput = { kind: 'close' };

/** A fixed answer to the session's questions: which nicknames are taken, who is in which room. */
function directory(taken: readonly string[] = [], rooms: Record<string, readonly string[]> = {}): ChatDirectory {
  return {
    isNickTaken: (nick) => taken.includes(nick),
    membersOf: (room) => rooms[room] ?? [],
  };
}

interface Row {
  readonly name: string;
  readonly state: SessionState;
  readonly line: string;
  readonly directory?: ChatDirectory;
  readonly next: SessionState;
  readonly outputs: readonly ChatOutput[];
}

const nameRule = 'use 1-16 letters, digits, _ or -';

const rows: readonly Row[] = [
  // awaiting-nick
  { name: 'NICK with a free name moves to the lobby', state: awaitingNick, line: 'NICK alice', next: inLobby('alice'), outputs: [reply('OK NICK alice')] },
  { name: 'NICK accepts digits, _ and - up to 16 characters', state: awaitingNick, line: 'NICK A_b-901234567890', next: inLobby('A_b-901234567890'), outputs: [reply('OK NICK A_b-901234567890')] },
  { name: 'NICK with a taken name is refused', state: awaitingNick, line: 'NICK alice', directory: directory(['alice']), next: awaitingNick, outputs: [reply('ERR nick alice is taken')] },
  { name: 'NICK with a space in the name is refused', state: awaitingNick, line: 'NICK al ice', next: awaitingNick, outputs: [reply(`ERR bad nick: ${nameRule}`)] },
  { name: 'NICK without a name is refused', state: awaitingNick, line: 'NICK', next: awaitingNick, outputs: [reply(`ERR bad nick: ${nameRule}`)] },
  { name: 'NICK longer than 16 characters is refused', state: awaitingNick, line: `NICK ${'x'.repeat(17)}`, next: awaitingNick, outputs: [reply(`ERR bad nick: ${nameRule}`)] },
  { name: 'JOIN before NICK is refused', state: awaitingNick, line: 'JOIN general', next: awaitingNick, outputs: [reply('ERR JOIN before NICK')] },
  { name: 'MSG before NICK is refused', state: awaitingNick, line: 'MSG hi', next: awaitingNick, outputs: [reply('ERR MSG before NICK')] },
  { name: 'LEAVE before NICK is refused', state: awaitingNick, line: 'LEAVE', next: awaitingNick, outputs: [reply('ERR LEAVE before NICK')] },
  { name: 'WHO before NICK is refused', state: awaitingNick, line: 'WHO', next: awaitingNick, outputs: [reply('ERR WHO before NICK')] },
  { name: 'QUIT before NICK says BYE and closes', state: awaitingNick, line: 'QUIT', next: closed, outputs: [reply('BYE'), close] },
  { name: 'an unknown command is named in the error', state: awaitingNick, line: 'DANCE now', next: awaitingNick, outputs: [reply('ERR unknown command DANCE')] },
  { name: 'commands are case-sensitive', state: awaitingNick, line: 'nick alice', next: awaitingNick, outputs: [reply('ERR unknown command nick')] },
  { name: 'an empty line is ignored', state: awaitingNick, line: '', next: awaitingNick, outputs: [] },
  // in-lobby
  { name: 'NICK again is refused', state: inLobby('alice'), line: 'NICK bob', next: inLobby('alice'), outputs: [reply('ERR already named alice')] },
  {
    name: 'JOIN enters the room and tells its members',
    state: inLobby('alice'),
    line: 'JOIN general',
    directory: directory(['alice', 'bob'], { general: ['bob'] }),
    next: inRoom('alice', 'general'),
    outputs: [reply('OK JOIN general'), toRoom('general', 'JOINED general alice')],
  },
  { name: 'JOIN with an invalid room name is refused', state: inLobby('alice'), line: 'JOIN #general', next: inLobby('alice'), outputs: [reply(`ERR bad room: ${nameRule}`)] },
  { name: 'JOIN without a room name is refused', state: inLobby('alice'), line: 'JOIN', next: inLobby('alice'), outputs: [reply(`ERR bad room: ${nameRule}`)] },
  { name: 'MSG in the lobby is refused', state: inLobby('alice'), line: 'MSG hi', next: inLobby('alice'), outputs: [reply('ERR MSG outside a room')] },
  { name: 'LEAVE in the lobby is refused', state: inLobby('alice'), line: 'LEAVE', next: inLobby('alice'), outputs: [reply('ERR LEAVE outside a room')] },
  { name: 'WHO in the lobby is refused', state: inLobby('alice'), line: 'WHO', next: inLobby('alice'), outputs: [reply('ERR WHO outside a room')] },
  { name: 'QUIT in the lobby says BYE and closes', state: inLobby('alice'), line: 'QUIT', next: closed, outputs: [reply('BYE'), close] },
  // in-room
  { name: 'MSG goes to the room, not back to the sender', state: inRoom('alice', 'general'), line: 'MSG hi  there', next: inRoom('alice', 'general'), outputs: [toRoom('general', 'MSG general alice hi  there')] },
  { name: 'MSG without text is refused', state: inRoom('alice', 'general'), line: 'MSG', next: inRoom('alice', 'general'), outputs: [reply('ERR MSG needs text')] },
  { name: 'MSG with blank text is refused', state: inRoom('alice', 'general'), line: 'MSG    ', next: inRoom('alice', 'general'), outputs: [reply('ERR MSG needs text')] },
  { name: 'JOIN while in a room is refused', state: inRoom('alice', 'general'), line: 'JOIN random', next: inRoom('alice', 'general'), outputs: [reply('ERR already in general, LEAVE first')] },
  { name: 'NICK while in a room is refused', state: inRoom('alice', 'general'), line: 'NICK bob', next: inRoom('alice', 'general'), outputs: [reply('ERR already named alice')] },
  {
    name: 'LEAVE returns to the lobby and tells the room',
    state: inRoom('alice', 'general'),
    line: 'LEAVE',
    next: inLobby('alice'),
    outputs: [reply('OK LEAVE general'), toRoom('general', 'LEFT general alice')],
  },
  {
    name: 'WHO lists the members of the room, sorted',
    state: inRoom('alice', 'general'),
    line: 'WHO',
    directory: directory(['alice', 'bob', 'carol', 'dave'], { general: ['carol', 'alice', 'bob'], random: ['dave'] }),
    next: inRoom('alice', 'general'),
    outputs: [reply('WHO general alice bob carol')],
  },
  {
    name: 'QUIT in a room says BYE, tells the room, and closes',
    state: inRoom('alice', 'general'),
    line: 'QUIT',
    next: closed,
    outputs: [reply('BYE'), toRoom('general', 'LEFT general alice'), close],
  },
  // closed
  { name: 'a closed session ignores every line', state: closed, line: 'NICK alice', next: closed, outputs: [] },
];

describe('05-multiplexed: chat session state machine', () => {
  it('starts awaiting a nickname, with a WELCOME', () => {
    expect(openSession()).toEqual({ state: awaitingNick, outputs: [reply('WELCOME send NICK <name>')] });
  });

  for (const row of rows) {
    it(`${row.state.kind}: ${row.name}`, () => {
      const { state, outputs } = handleLine(row.state, row.line, row.directory ?? directory());
      expect(state).toEqual(row.next);
      expect(outputs).toEqual(row.outputs);
    });
  }

  const disconnects: ReadonlyArray<{ state: SessionState; outputs: readonly ChatOutput[] }> = [
    { state: awaitingNick, outputs: [] },
    { state: inLobby('alice'), outputs: [] },
    { state: inRoom('alice', 'general'), outputs: [toRoom('general', 'LEFT general alice')] },
    { state: closed, outputs: [] },
  ];
  for (const { state, outputs } of disconnects) {
    it(`a disconnect in ${state.kind} sends ${outputs.length === 0 ? 'nothing' : 'LEFT to the room'}`, () => {
      expect(handleDisconnect(state)).toEqual(outputs);
    });
  }
});
