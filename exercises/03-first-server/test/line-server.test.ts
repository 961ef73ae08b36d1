import type net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LineClient } from '#course/testing.ts';
import { startLineServer } from '../line-server.ts';

let server: net.Server | undefined;
let port: number;
const clients: LineClient[] = [];

async function connect(): Promise<LineClient> {
  const client = await LineClient.connect(port);
  clients.push(client);
  return client;
}

/** Connects and reads past the greeting. */
async function connectReady(): Promise<LineClient> {
  const client = await connect();
  await client.nextLine();
  return client;
}

beforeEach(async () => {
  server = undefined;
  server = await startLineServer({ port: 0, host: '127.0.0.1' });
  port = (server.address() as net.AddressInfo).port;
});

afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  const running = server;
  if (running) await new Promise((resolve) => running.close(resolve));
});

describe('03-first-server: line server', () => {
  it('listens on the requested host and a kernel-chosen port', () => {
    const address = server!.address() as net.AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(address.port).toBeGreaterThan(0);
  });

  it('greets each client with the address and port it connected from', async () => {
    const client = await connect();
    expect(await client.nextLine()).toBe(`HELLO 127.0.0.1 ${client.socket.localPort}`);
  });

  it('answers PING, ECHO and ADD', async () => {
    const client = await connectReady();
    client.send('PING');
    expect(await client.nextLine()).toBe('PONG');
    client.send('ECHO hi there');
    expect(await client.nextLine()).toBe('hi there');
    client.send('ADD 2 40');
    expect(await client.nextLine()).toBe('42');
    client.send('ADD -7 3');
    expect(await client.nextLine()).toBe('-4');
  });

  it('refuses ADD without two integers', async () => {
    const client = await connectReady();
    for (const bad of ['ADD 1', 'ADD one two', 'ADD 1 2 3', 'ADD 1.5 2']) {
      client.send(bad);
      expect(await client.nextLine(), bad).toBe('ERR ADD needs two integers');
    }
  });

  it('names an unknown command in its error', async () => {
    const client = await connectReady();
    client.send('DANCE now');
    expect(await client.nextLine()).toBe('ERR unknown command DANCE');
    client.send('ping');
    expect(await client.nextLine()).toBe('ERR unknown command ping');
  });

  it('answers every command of a single write, in order', async () => {
    const client = await connectReady();
    client.socket.write('PING\nECHO one\nECHO two\n');
    expect([await client.nextLine(), await client.nextLine(), await client.nextLine()]).toEqual(['PONG', 'one', 'two']);
  });

  it('waits for the newline when a command arrives in pieces', async () => {
    const client = await connectReady();
    client.socket.write('EC');
    await new Promise((resolve) => setTimeout(resolve, 50));
    client.socket.write('HO split\n');
    expect(await client.nextLine()).toBe('split');
  });

  it('counts the clients connected right now', async () => {
    const first = await connectReady();
    const second = await connectReady();
    first.send('CLIENTS');
    expect(await first.nextLine()).toBe('CLIENTS 2');
    second.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    first.send('CLIENTS');
    expect(await first.nextLine()).toBe('CLIENTS 1');
  });

  it('says BYE and closes the connection on QUIT, and keeps serving others', async () => {
    const leaving = await connectReady();
    const staying = await connectReady();
    leaving.send('QUIT');
    expect(await leaving.nextLine()).toBe('BYE');
    await leaving.closedByServer();
    staying.send('PING');
    expect(await staying.nextLine()).toBe('PONG');
  });
});
