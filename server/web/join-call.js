// Joining a room, whatever the server's mode: connect to the signaling
// server, join, and start the call the join response asks for. An SFU-mode
// server says `mode: 'sfu'` in it; a mesh-mode server says nothing.
import { SignalingClient } from '/lib/signaling/client.ts';
import { MeshCall } from '/mesh-call.js';
import { SfuCall } from '/sfu-call.js';

/**
 * Resolves with a started MeshCall or SfuCall (the same events and methods:
 * peers, peer-added/-track/-state/-removed, closed, problem, setSending,
 * peerStats, statsSnapshot, leave). Rejects with the client's
 * SignalingRequestError (its `code`: TOKEN_INVALID, ROOM_FULL, …) or what
 * starting the call threw; the connection is closed then, which leaves the room.
 * @param {{ url: string, room: string, name: string, token?: string, localStream: MediaStream, configuration?: RTCConfiguration }} options
 */
export async function joinCall(options) {
  const client = await SignalingClient.connect(options.url);
  try {
    const request = { room: options.room, name: options.name };
    if (options.token) request.token = options.token;
    const joined = await client.request('join', request);
    // No await between the response and the constructor: the notifications
    // that follow the response are later tasks, so the call's listeners are
    // in place before the first one is dispatched.
    const Call = joined.mode === 'sfu' ? SfuCall : MeshCall;
    const call = new Call(client, options.localStream, options.configuration ?? {});
    await call.start(joined);
    return call;
  } catch (error) {
    client.close();
    throw error;
  }
}
