// A mesh call: one RTCPeerConnection per other participant, set up through the
// signaling server, which only introduces peers and relays what they say
// (SDP offers and answers, ICE candidates). Media goes browser to browser.
//
// Who offers: the newcomer, to every peer listed in its join response. The
// others only answer. Two peers never offer to each other at the same time,
// so no glare handling ("perfect negotiation") is needed, and nothing here
// renegotiates: muting disables a track rather than removing it.
//
// join-call.js connects and joins, then hands the client to this class when
// the server runs in mesh mode (its join response has no `mode`).
import { SerialQueue } from '/serial-queue.js';

/**
 * Events (an EventTarget; each event's `detail`):
 *   peer-added   { peer }              a participant to show, before any media
 *   peer-track   { peer }              peer.stream got a track
 *   peer-state   { peer }              peer.state (its connectionState) changed
 *   peer-removed { peer }              they left (or their connection closed)
 *   closed       { code, reason }      the signaling connection closed
 *   problem      { message }           something went wrong with one peer; the call goes on
 */
export class MeshCall extends EventTarget {
  mode = 'mesh';
  /** @type {Map<string, RemotePeer>} */
  peers = new Map();
  /** @type {string | undefined} */
  peerId;

  /**
   * @param {import('/lib/signaling/client.ts').SignalingClient} client joined to the room
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
   * Starts the call from the join response: offers to everyone already there.
   * @param {{ peerId: string, peers: { id: string, name: string }[] }} joined
   */
  async start({ peerId, peers }) {
    this.peerId = peerId;
    for (const { id, name } of peers) this.#offerTo(this.#addPeer(id, name));
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

  /** Camera or microphone on or off: the track stays in every connection, disabled (black frames or silence). */
  async setSending(kind, on) {
    for (const track of this.localStream.getTracks()) if (track.kind === kind) track.enabled = on;
  }

  /** Peer id → that peer connection's getStats() entries, for the tiles. */
  async peerStats() {
    const peers = [...this.peers.values()];
    const reports = await Promise.all(peers.map((peer) => peer.connection.getStats().then((report) => [...report.values()], () => [])));
    return new Map(peers.map((peer, index) => [peer.id, reports[index]]));
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
  #queue = new SerialQueue((error) => console.warn(`mesh: ${this.name}:`, error));

  constructor(id, name, connection) {
    this.id = id;
    this.name = name;
    /** @type {RTCPeerConnection} */
    this.connection = connection;
    this.stream = new MediaStream();
  }

  /** What the tile says: the peer connection's state. */
  get state() {
    return this.connection.connectionState;
  }

  /** Runs `step` after the previous one finished (SerialQueue). */
  run(step) {
    this.#queue.run(step);
  }
}
