import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineClient } from '#course/testing.ts';
import { startChatServer } from '../chat-server.ts';

/** The server under test; undefined when startChatServer threw. */
let running: { readonly server: net.Server; readonly port: number } | undefined;
const clients: LineClient[] = [];

async function connect(): Promise<LineClient> {
  const client = await LineClient.connect(running!.port);
  clients.push(client);
  expect(await client.nextLine()).toBe('WELCOME send NICK <name>');
  return client;
}

async function named(nick: string): Promise<LineClient> {
  const client = await connect();
  client.send(`NICK ${nick}`);
  expect(await client.nextLine()).toBe(`OK NICK ${nick}`);
  return client;
}

/** A named client that has joined `room`; members already there must read their JOINED line. */
async function inRoom(nick: string, room: string): Promise<LineClient> {
  const client = await named(nick);
  client.send(`JOIN ${room}`);
  expect(await client.nextLine()).toBe(`OK JOIN ${room}`);
  return client;
}

/** alice and bob in room general; alice has read the announcement of bob's arrival. */
async function aliceAndBobInGeneral(): Promise<[LineClient, LineClient]> {
  const alice = await inRoom('alice', 'general');
  const bob = await inRoom('bob', 'general');
  expect(await alice.nextLine()).toBe('JOINED general bob');
  return [alice, bob];
}

/** Sends a command and returns the reply. Lines reach one socket in order, so this also proves
 * that nothing else was delivered to that client before the reply. */
async function ask(client: LineClient, command: string): Promise<string> {
  client.send(command);
  return client.nextLine();
}

beforeEach(async () => {
  const server = await startChatServer({ port: 0, host: '127.0.0.1' });
  running = { server, port: (server.address() as net.AddressInfo).port };
});

afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  const stopping = running?.server;
  running = undefined;
  // Only a server that started can call back from close(); waiting on none would hang the hook.
  if (stopping) await new Promise((resolve) => stopping.close(resolve));
});

describe('05-multiplexed: chat server', () => {
  it('greets a connection and takes its nickname', async () => {
    const client = await connect();
    expect(await ask(client, 'NICK alice')).toBe('OK NICK alice');
  });

  it('refuses a nickname in use, and frees it when its owner quits', async () => {
    const alice = await named('alice');
    const other = await connect();
    expect(await ask(other, 'NICK alice')).toBe('ERR nick alice is taken');
    expect(await ask(alice, 'QUIT')).toBe('BYE');
    await alice.closedByServer();
    expect(await ask(other, 'NICK alice')).toBe('OK NICK alice');
  });

  it('tells the members of a room who joins, and answers WHO', async () => {
    const bob = await inRoom('bob', 'general');
    const alice = await inRoom('alice', 'general');
    expect(await bob.nextLine()).toBe('JOINED general alice');
    expect(await ask(bob, 'WHO')).toBe('WHO general alice bob');
    expect(await ask(alice, 'WHO')).toBe('WHO general alice bob');
  });

  it('delivers a message to the other members of the room only', async () => {
    const [alice, bob] = await aliceAndBobInGeneral();
    const carol = await inRoom('carol', 'random');
    const dave = await named('dave');

    alice.send('MSG hello, everyone');
    expect(await bob.nextLine()).toBe('MSG general alice hello, everyone');
    // Each next line is the reply, so no one else got the message (and alice not her own).
    expect(await ask(alice, 'WHO')).toBe('WHO general alice bob');
    expect(await ask(carol, 'WHO')).toBe('WHO random carol');
    expect(await ask(dave, 'WHO')).toBe('ERR WHO outside a room');
  });

  it('tells the remaining members when someone leaves', async () => {
    const [alice, bob] = await aliceAndBobInGeneral();
    expect(await ask(bob, 'LEAVE')).toBe('OK LEAVE general');
    expect(await alice.nextLine()).toBe('LEFT general bob');
    expect(await ask(bob, 'MSG anyone?')).toBe('ERR MSG outside a room');
    expect(await ask(alice, 'WHO')).toBe('WHO general alice');
  });

  it('tells the room when a member disconnects without QUIT, and frees the nickname', async () => {
    const [alice, bob] = await aliceAndBobInGeneral();
    bob.close();
    expect(await alice.nextLine()).toBe('LEFT general bob');
    expect(await ask(alice, 'WHO')).toBe('WHO general alice');
    await named('bob');
  });

  it('says BYE on QUIT, closes the connection and tells the room', async () => {
    const [alice, bob] = await aliceAndBobInGeneral();
    expect(await ask(bob, 'QUIT')).toBe('BYE');
    await bob.closedByServer();
    expect(await alice.nextLine()).toBe('LEFT general bob');
  });

  it('answers a command that the current state cannot take with ERR', async () => {
    const client = await connect();
    expect(await ask(client, 'JOIN general')).toBe('ERR JOIN before NICK');
    expect(await ask(client, 'DANCE')).toBe('ERR unknown command DANCE');
    expect(await ask(client, 'NICK alice')).toBe('OK NICK alice');
    expect(await ask(client, 'MSG hi')).toBe('ERR MSG outside a room');
  });

  it('answers every command of one write, and waits for the newline of a split one', async () => {
    const client = await connect();
    client.socket.write('NICK alice\r\nJOIN gen');
    expect(await client.nextLine()).toBe('OK NICK alice');
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.socket.write('eral\nWHO\n');
    expect([await client.nextLine(), await client.nextLine()]).toEqual(['OK JOIN general', 'WHO general alice']);
  });

  it('keeps 50 concurrent connections and their rooms apart', async () => {
    const crowd = await Promise.all(Array.from({ length: 50 }, (_, i) => named(`user${i}`)));
    const roomOf = (i: number): string => `room${i % 5}`;
    // One JOIN at a time, so the announcements each member reads come in a known order.
    for (const [i, client] of crowd.entries()) expect(await ask(client, `JOIN ${roomOf(i)}`)).toBe(`OK JOIN ${roomOf(i)}`);

    const joinedAfterUser0 = Array.from({ length: 9 }, (_, k) => `JOINED room0 user${5 * (k + 1)}`);
    expect(await Promise.all(joinedAfterUser0.map(() => crowd[0]!.nextLine()))).toEqual(joinedAfterUser0);
    // The last five joined last, so nothing is queued for them before WHO's reply.
    const lastFive = crowd.slice(45);
    const membersOf = (room: number): string => Array.from({ length: 10 }, (_, k) => `user${room + 5 * k}`).sort().join(' ');
    expect(await Promise.all(lastFive.map((client) => ask(client, 'WHO')))).toEqual([0, 1, 2, 3, 4].map((room) => `WHO room${room} ${membersOf(room)}`));
  });
});
