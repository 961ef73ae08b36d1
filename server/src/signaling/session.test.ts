/** A session whose handler hits a bug answers INTERNAL_ERROR, reports it, and keeps serving. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebSocketConnection } from '../websocket/index.ts';
import { RoomRegistry } from './rooms.ts';
import { SignalingSession } from './session.ts';

describe('SignalingSession', () => {
  it('answers INTERNAL_ERROR for a bug, hands the error to onInternalError, and serves the next request', () => {
    const connection = Object.assign(new EventEmitter(), { sent: [] as string[], send(text: string) { this.sent.push(text); return true; }, close() {} });
    const rooms = new RoomRegistry({ peersPerRoom: 8, hooks: { peerJoined() {}, peerLeft() {}, roomClosed() {} } });
    const broken = Object.create(rooms) as RoomRegistry;
    broken.join = () => {
      throw new TypeError('a bug');
    };
    const reported: unknown[] = [];
    new SignalingSession(connection as unknown as WebSocketConnection, {
      rooms: broken,
      limits: { peersPerRoom: 8, messagesPerSecond: 100, maxMessageBytes: 4096 },
      tokenSecret: undefined,
      requireToken: false,
      now: Date.now,
      onInternalError: (error) => reported.push(error),
    });
    connection.emit('message', { data: JSON.stringify({ v: 1, type: 'request', id: 1, method: 'join', data: { room: 'r' } }), binary: false });
    connection.emit('message', { data: JSON.stringify({ v: 1, type: 'request', id: 2, method: 'leave', data: {} }), binary: false });
    expect(connection.sent.map((text) => JSON.parse(text) as { id: number; error: { code: string } })).toEqual([
      { v: 1, type: 'response', id: 1, ok: false, error: { code: 'INTERNAL_ERROR', message: 'signaling: internal error' } },
      { v: 1, type: 'response', id: 2, ok: false, error: { code: 'NOT_JOINED', message: expect.any(String) } },
    ]);
    expect(reported).toEqual([new TypeError('a bug')]);
  });
});
