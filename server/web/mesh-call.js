// A mesh call: one RTCPeerConnection per other participant, set up through the
// signaling server, which only introduces peers and relays what they say
// (SDP offers and answers, ICE candidates). Media goes browser to browser.
//
// Who offers: the newcomer, to every peer listed in its join response. The
// others only answer. Two peers never offer to each other at the same time,
// so no glare handling ("perfect negotiation") is needed, and nothing here
// renegotiates: muting disables a track rather than removing it.
import { SignalingClient } from '/lib/signaling/client.ts';

/**
 * Events (an EventTarget; each event's `detail`):
 *   peer-added   { peer }              a participant to show, before any media
 *   peer-track   { peer }              peer.stream got a track
 *   peer-state   { peer }              peer.connection.connectionState changed
 *   peer-removed { peer }              they left (or their connection closed)
 *   closed       { code, reason }      the signaling connection closed
 *   problem      { message }           something went wrong with one peer; the call goes on
 */
export class MeshCall extends EventTarget {
  /** @type {Map<string, RemotePeer>} */
  peers = new Map();
  /** @type {string | undefined} */
  peerId;

  /**
   * @param {SignalingClient} client
   * @param {MediaStream} localStream
   * @param {RTCConfiguration} configuration
   */
  constructor(client, localStream, configuration) {
    super();
    this.client = client;
    this.localStream = localStream;
    this.configuration = configuration;
    client.on('peerJoined', ({ id, name }) => this.#addPeer(id, name));
    client.on('peerLeft', ({ id }) => this.#removePeer(id));
    client.on('relayed', ({ from, payload }) => this.#onRelayed(from, payload));
    client.on('close', (info) => this.#emit('closed', info));
  }

  /**
   * Connects to the signaling server and joins `room`. Rejects with the
   * client's SignalingRequestError (its `code`: TOKEN_INVALID, ROOM_FULL, …).
   * @param {{ url: string, room: string, name: string, token?: string, localStream: MediaStream, configuration?: RTCConfiguration }} options
   */
  static async join(options) {
    const client = await SignalingClient.connect(options.url);
    const call = new MeshCall(client, options.localStream, options.configuration ?? {});
    try {
      const request = { room: options.room, name: options.name };
      if (options.token) request.token = options.token;
      const { peerId, peers } = await client.request('join', request);
      call.peerId = peerId;
      for (const { id, name } of peers) call.#offerTo(call.#addPeer(id, name));
    } catch (error) {
      client.close();
      throw error;
    }
    return call;
  }

  /** Leaves the room and closes every peer connection. The local tracks stay the caller's. */
  async leave() {
    try {
      await this.client.request('leave', {}, { timeoutMs: 2000 });
    } catch {
      // Closing the WebSocket is a leave too.
    }
    for (const id of [...this.peers.keys()]) this.#removePeer(id);
    this.client.close();
  }

  /**
   * Every peer connection's raw getStats() entries, for the console
   * (`copy(JSON.stringify(await call.statsSnapshot()))`) and the 12-mesh lab.
   */
  async statsSnapshot() {
    const peers = {};
    for (const peer of this.peers.values()) {
      const report = await peer.connection.getStats();
      peers[peer.id] = { name: peer.name, stats: [...report.values()] };
    }
    return { peerId: this.peerId, at: Date.now(), peers };
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  /** @returns {RemotePeer} */
  #addPeer(id, name) {
    const existing = this.peers.get(id);
    if (existing) return existing;
    const peer = new RemotePeer(id, name, new RTCPeerConnection(this.configuration));
    this.peers.set(id, peer);
    for (const track of this.localStream.getTracks()) peer.connection.addTrack(track, this.localStream);
    peer.connection.addEventListener('icecandidate', ({ candidate }) => {
      this.#relay(peer, { kind: 'candidate', candidate: candidate ? candidate.toJSON() : null });
    });
    peer.connection.addEventListener('track', ({ track }) => {
      peer.stream.addTrack(track);
      this.#emit('peer-track', { peer });
    });
    peer.connection.addEventListener('connectionstatechange', () => this.#emit('peer-state', { peer }));
    this.#emit('peer-added', { peer });
    return peer;
  }

  #removePeer(id) {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.connection.close();
    this.#emit('peer-removed', { peer });
  }

  #offerTo(peer) {
    peer.run(async () => {
      await peer.connection.setLocalDescription(); // an offer: JSEP picks the type from the state
      this.#relay(peer, { kind: 'description', description: peer.connection.localDescription.toJSON() });
    });
  }

  #onRelayed(from, payload) {
    const peer = this.peers.get(from);
    // peerJoined always comes before a peer's first relay; anything else is a stale message.
    if (!peer) return;
    peer.run(async () => {
      if (payload.kind === 'description') {
        await peer.connection.setRemoteDescription(payload.description);
        if (payload.description.type === 'offer') {
          await peer.connection.setLocalDescription(); // the answer
          this.#relay(peer, { kind: 'description', description: peer.connection.localDescription.toJSON() });
        }
      } else if (payload.kind === 'candidate') {
        await peer.connection.addIceCandidate(payload.candidate ?? undefined);
      }
    });
  }

  #relay(peer, payload) {
    if (!this.peers.has(peer.id)) return;
    this.client.request('relay', { to: peer.id, payload }).catch((error) => {
      // PEER_NOT_FOUND: they left while this was on its way.
      if (error.code !== 'PEER_NOT_FOUND' && error.code !== 'CONNECTION_CLOSED') this.#problem(peer, error);
    });
  }

  #problem(peer, error) {
    this.#emit('problem', { message: `${peer.name}: ${error.message ?? error}` });
  }
}

/** One other participant: their peer connection, the stream their tracks arrive in, and a queue. */
export class RemotePeer {
  /** @type {Promise<void>} */
  #queue = Promise.resolve();

  constructor(id, name, connection) {
    this.id = id;
    this.name = name;
    /** @type {RTCPeerConnection} */
    this.connection = connection;
    this.stream = new MediaStream();
  }

  /**
   * Runs `step` after the previous one finished. SDP and candidates must be
   * applied in the order they were sent: a candidate added before the remote
   * description it belongs to is an error.
   */
  run(step) {
    this.#queue = this.#queue.then(step).catch((error) => console.warn(`mesh: ${this.name}:`, error));
  }
}
