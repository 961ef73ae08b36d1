/** The envelope parser: every way a client message can be wrong, with its code and the id it keeps. */
import { describe, expect, it } from 'vitest';
import { errorResponse, notification, parseRequest, successResponse } from './envelope.ts';
import { SignalingError } from './errors.ts';
import { parseJoin, parseRelay } from './validate.ts';

function refusal(text: string): { code: string; requestId: number | null } {
  try {
    parseRequest(text);
  } catch (error) {
    if (error instanceof SignalingError) return { code: error.code, requestId: error.requestId };
    throw error;
  }
  throw new Error('accepted');
}

describe('parseRequest', () => {
  it('reads a request, defaulting data to {}', () => {
    expect(parseRequest('{"v":1,"type":"request","id":7,"method":"join","data":{"room":"a"}}')).toEqual({
      v: 1,
      type: 'request',
      id: 7,
      method: 'join',
      data: { room: 'a' },
    });
    expect(parseRequest('{"v":1,"type":"request","id":0,"method":"leave"}').data).toEqual({});
  });

  it.each([
    ['not JSON', '{"v":1,', 'BAD_REQUEST', null],
    ['a JSON array', '[1,2]', 'BAD_REQUEST', null],
    ['a JSON string', '"hello"', 'BAD_REQUEST', null],
    ['null', 'null', 'BAD_REQUEST', null],
    ['version 2', '{"v":2,"type":"request","id":3,"method":"join"}', 'UNSUPPORTED_VERSION', 3],
    ['no version', '{"type":"request","id":3,"method":"join"}', 'UNSUPPORTED_VERSION', 3],
    ['a notification from a client', '{"v":1,"type":"notification","method":"peerJoined"}', 'BAD_REQUEST', null],
    ['a response from a client', '{"v":1,"type":"response","id":4,"ok":true}', 'BAD_REQUEST', 4],
    ['no id', '{"v":1,"type":"request","method":"join"}', 'BAD_REQUEST', null],
    ['a negative id', '{"v":1,"type":"request","id":-1,"method":"join"}', 'BAD_REQUEST', null],
    ['a fractional id', '{"v":1,"type":"request","id":1.5,"method":"join"}', 'BAD_REQUEST', null],
    ['a string id', '{"v":1,"type":"request","id":"1","method":"join"}', 'BAD_REQUEST', null],
    ['an id past 2^53', '{"v":1,"type":"request","id":9007199254740993,"method":"join"}', 'BAD_REQUEST', null],
    ['no method', '{"v":1,"type":"request","id":5}', 'BAD_REQUEST', 5],
    ['an empty method', '{"v":1,"type":"request","id":5,"method":""}', 'BAD_REQUEST', 5],
    ['a 65-character method', `{"v":1,"type":"request","id":5,"method":"${'m'.repeat(65)}"}`, 'BAD_REQUEST', 5],
    ['data that is an array', '{"v":1,"type":"request","id":6,"method":"join","data":[]}', 'BAD_REQUEST', 6],
  ])('refuses %s', (_name, text, code, requestId) => {
    expect(refusal(text)).toEqual({ code, requestId });
  });
});

describe('responses and notifications', () => {
  it('serialize to the documented envelopes', () => {
    expect(JSON.parse(successResponse(3, { peerId: 'p' }))).toEqual({ v: 1, type: 'response', id: 3, ok: true, data: { peerId: 'p' } });
    expect(JSON.parse(errorResponse(null, { code: 'BAD_REQUEST', message: 'm' }))).toEqual({
      v: 1,
      type: 'response',
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'm' },
    });
    expect(JSON.parse(notification('peerLeft', { id: 'p' }))).toEqual({ v: 1, type: 'notification', method: 'peerLeft', data: { id: 'p' } });
  });
});

describe('method data', () => {
  it('join: room pattern, name length, token type; name defaults and is trimmed', () => {
    expect(parseJoin({ room: 'Room_1-a' }, 1)).toEqual({ room: 'Room_1-a', name: 'anonymous' });
    expect(parseJoin({ room: 'r', name: '  bob ', token: 't' }, 1)).toEqual({ room: 'r', name: 'bob', token: 't' });
    for (const data of [{}, { room: '' }, { room: 'a b' }, { room: 'x'.repeat(65) }, { room: 'é' }, { room: 'r', name: '' }, { room: 'r', name: '   ' }, { room: 'r', name: 'n'.repeat(65) }, { room: 'r', name: 5 }, { room: 'r', token: 1 }]) {
      expect(() => parseJoin(data, 9)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', requestId: 9 }));
    }
  });

  it('relay: a peer id and an object payload', () => {
    expect(parseRelay({ to: 'p', payload: { kind: 'candidate', candidate: null } }, 1)).toEqual({ to: 'p', payload: { kind: 'candidate', candidate: null } });
    for (const data of [{}, { to: 'p' }, { to: '', payload: {} }, { to: 'p', payload: 'sdp' }, { to: 'p', payload: [] }, { to: 'p', payload: null }, { to: 7, payload: {} }]) {
      expect(() => parseRelay(data, 2)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', requestId: 2 }));
    }
  });
});
