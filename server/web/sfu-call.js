// An SFU call: the browser sends its camera and microphone once, to the
// server, and the server forwards a copy to everyone else. Two
// RTCPeerConnections, whatever the size of the room:
//
//   send:    one sendonly m-line per local track. The browser offers, the
//            server answers (`publish`), and makes one producer per m-line.
//   receive: one recvonly m-line per remote track. The server offers
//            (`subscriberOffer` notifications, again whenever tracks come and
//            go), the browser answers (`subscribeAnswer`). Each offer lists
//            its consumers: which m-line (mid) carries whose track.
//
// The server is ICE-lite and writes its address into every SDP it sends, so
// no ICE candidates travel through signaling: the browser checks the
// server's one candidate and the server answers. Muting pauses the producer:
// the server stops forwarding it, and nobody renegotiates. When the network
// changes and a connection's ICE fails, it restarts ICE (new credentials on
// both ends) and finds the server again from its new address.
import { SerialQueue } from '/serial-queue.js';

/** How long ICE may stay 'disconnected' before we restart it ('failed' restarts at once). */
const DISCONNECTED_RESTART_MS = 3000;

/**
 * Events: the same as MeshCall's (peer-added, peer-track, peer-state,
 * peer-removed, closed, problem), so the page does not care which it has.
 */
export class SfuCall extends EventTarget {
  mode = 'sfu';
  /** @type {Map<string, SfuRemotePeer>} */
  peers = new Map();
  /** @type {string | undefined} */
  peerId;
  /** @type {{ producerId: string, mid: string, kind: 'audio' | 'video' }[]} what the server receives from this page */
  producers = [];
  #receiveQueue = new SerialQueue((error) => this.#problem('receiving', error));
  #left = false;

  /**
   * @param {import('/lib/signaling/client.ts').SignalingClient} client joined to the room
   * @param {MediaStream} localStream
   * @param {RTCConfiguration} configuration
   */
  constructor(client, localStream, configuration) {
    super();
    this.client = client;
    this.localStream = localStream;
    // max-bundle: everything on one transport from the start; the server bundles anyway.
    this.sendConnection = new RTCPeerConnection({ ...configuration, bundlePolicy: 'max-bundle' });
    this.receiveConnection = new RTCPeerConnection({ ...configuration, bundlePolicy: 'max-bundle' });
    this.receiveConnection.addEventListener('connectionstatechange', () => {
      for (const peer of this.peers.values()) this.#updateState(peer);
    });
    client.on('peerJoined', ({ id, name }) => this.#addPeer(id, name));
    client.on('peerLeft', ({ id }) => this.#removePeer(id));
    client.on('notification', (method, data) => {
      if (method === 'subscriberOffer') this.#receiveQueue.run(() => this.#answer(data));
      else if (method === 'producerPaused' || method === 'producerResumed') this.#producerState(data, method === 'producerPaused');
    });
    client.on('close', (info) => this.#emit('closed', info));
    // Send side: the browser offers, so it restarts with a new offer. Receive side: the server offers, so we ask it to.
    this.#restartIceWhenLost(this.sendConnection, 'sending', async () => {
      this.sendConnection.restartIce();
      await this.#negotiateSend();
    });
    this.#restartIceWhenLost(this.receiveConnection, 'receiving', () => this.client.request('restartIce', { direction: 'recv' }));
  }

  /**
   * Starts the call from the join response: a tile for everyone already
   * there (their tracks follow in a subscriber offer), then publishes.
   * @param {{ peerId: string, peers: { id: string, name: string }[] }} joined
   */
  async start({ peerId, peers }) {
    this.peerId = peerId;
    for (const { id, name } of peers) this.#addPeer(id, name);
    try {
      await this.#publish();
    } catch (error) {
      this.#closeConnections();
      throw error;
    }
  }

  /** Leaves the room and closes both peer connections. The local tracks stay the caller's. */
  async leave() {
    if (this.#left) return;
    this.#left = true;
    try {
      await this.client.request('leave', {}, { timeoutMs: 2000 });
    } catch {
      // Closing the WebSocket is a leave too.
    }
    this.#closeConnections();
    this.client.close();
  }

  /**
   * Camera or microphone on or off. The server pauses the producer (it stops
   * forwarding, and tells the others), and the track is disabled, so the
   * browser sends next to nothing meanwhile. On again, the server asks for a
   * key frame before it forwards video.
   */
  async setSending(kind, on) {
    for (const track of this.localStream.getTracks()) if (track.kind === kind) track.enabled = on;
    const producer = this.producers.find((candidate) => candidate.kind === kind);
    if (producer === undefined) return;
    try {
      await this.client.request(on ? 'resumeProducer' : 'pauseProducer', { producerId: producer.producerId });
    } catch (error) {
      this.#problem(`${on ? 'resuming' : 'pausing'} the ${kind}`, error);
    }
  }

  /**
   * Peer id → the receive connection's getStats() entries for that peer's
   * tracks (inbound-rtp by track), plus the shared ones (the transport and
   * its candidate pair, for the round-trip time).
   */
  async peerStats() {
    const entries = [...(await this.receiveConnection.getStats()).values()];
    const shared = entries.filter((entry) => entry.type !== 'inbound-rtp' && entry.type !== 'outbound-rtp');
    const result = new Map();
    for (const peer of this.peers.values()) {
      const trackIds = new Set([...peer.tracks.values()].map((track) => track.id));
      result.set(peer.id, [...shared, ...entries.filter((entry) => entry.type === 'inbound-rtp' && trackIds.has(entry.trackIdentifier))]);
    }
    return result;
  }

  /** Both connections' raw getStats() entries, and which mid carries whose track, for the console. */
  async statsSnapshot() {
    const [send, receive] = await Promise.all([this.sendConnection.getStats(), this.receiveConnection.getStats()]);
    const peers = {};
    for (const peer of this.peers.values()) peers[peer.id] = { name: peer.name, mids: [...peer.tracks.keys()] };
    return { peerId: this.peerId, at: Date.now(), producers: this.producers, peers, send: [...send.values()], receive: [...receive.values()] };
  }

  async #publish() {
    for (const track of this.localStream.getTracks()) {
      this.sendConnection.addTransceiver(track, { direction: 'sendonly', streams: [this.localStream] });
    }
    await this.#negotiateSend();
  }

  /** One offer/answer of the send connection: the server answers, and lists the producers it now has. */
  async #negotiateSend() {
    await this.sendConnection.setLocalDescription(await this.sendConnection.createOffer());
    const { sdp, producers } = await this.client.request('publish', { sdp: this.sendConnection.localDescription.sdp });
    await this.sendConnection.setRemoteDescription({ type: 'answer', sdp });
    this.producers = producers;
  }

  /** One subscriber offer: apply it, answer it, then show each track on its owner's tile. */
  async #answer({ sdp, consumers }) {
    if (this.#left) return;
    const connection = this.receiveConnection;
    await connection.setRemoteDescription({ type: 'offer', sdp });
    await connection.setLocalDescription(await connection.createAnswer());
    this.#showTracks(consumers);
    await this.client.request('subscribeAnswer', { sdp: connection.localDescription.sdp });
  }

  /** The offer's consumers are every track this page receives now: add the new ones, drop the rest. */
  #showTracks(consumers) {
    const transceivers = new Map(this.receiveConnection.getTransceivers().map((transceiver) => [transceiver.mid, transceiver]));
    /** @type {Map<string, Map<string, MediaStreamTrack>>} peer id → mid → track */
    const wanted = new Map();
    for (const consumer of consumers) {
      const transceiver = transceivers.get(consumer.mid);
      // A peer who left while this offer was on its way: the next offer closes their tracks.
      if (transceiver === undefined || !this.peers.has(consumer.peerId)) continue;
      const tracks = wanted.get(consumer.peerId) ?? new Map();
      tracks.set(consumer.mid, transceiver.receiver.track);
      wanted.set(consumer.peerId, tracks);
      this.peers.get(consumer.peerId).setPaused(consumer.kind, consumer.producerPaused);
    }
    for (const peer of this.peers.values()) {
      if (peer.replaceTracks(wanted.get(peer.id) ?? new Map())) this.#emit('peer-track', { peer });
      this.#updateState(peer);
    }
  }

  #producerState({ peerId, kind }, paused) {
    const peer = this.peers.get(peerId);
    if (peer === undefined) return;
    peer.setPaused(kind, paused);
    this.#updateState(peer);
  }

  /** @returns {SfuRemotePeer} */
  #addPeer(id, name) {
    const existing = this.peers.get(id);
    if (existing) return existing;
    const peer = new SfuRemotePeer(id, name);
    this.peers.set(id, peer);
    this.#emit('peer-added', { peer });
    this.#updateState(peer);
    return peer;
  }

  #removePeer(id) {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.replaceTracks(new Map());
    this.#emit('peer-removed', { peer });
  }

  #updateState(peer) {
    const before = peer.state;
    peer.state = peer.tracks.size === 0 ? 'waiting for media' : [this.receiveConnection.connectionState, ...peer.pausedLabels()].join(' · ');
    if (peer.state !== before) this.#emit('peer-state', { peer });
  }

  #closeConnections() {
    for (const id of [...this.peers.keys()]) this.#removePeer(id);
    this.sendConnection.close();
    this.receiveConnection.close();
  }

  /** Restarts ICE on `connection` when it fails, or stays disconnected, one restart at a time. */
  #restartIceWhenLost(connection, what, restart) {
    let timer;
    let restarting = false;
    const run = () => {
      if (this.#left || restarting || connection.signalingState === 'closed') return;
      restarting = true;
      restart()
        .catch((error) => this.#problem(`restarting ICE (${what})`, error))
        .finally(() => (restarting = false));
    };
    connection.addEventListener('iceconnectionstatechange', () => {
      clearTimeout(timer);
      if (connection.iceConnectionState === 'failed') run();
      else if (connection.iceConnectionState === 'disconnected') timer = setTimeout(run, DISCONNECTED_RESTART_MS);
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #problem(what, error) {
    if (this.#left || error?.code === 'CONNECTION_CLOSED') return;
    this.#emit('problem', { message: `sfu: ${what}: ${error?.message ?? error}` });
  }
}

/** One other participant: the tracks the server forwards from them (by mid), in one stream for their tile. */
export class SfuRemotePeer {
  /** @type {Map<string, MediaStreamTrack>} mid → track */
  tracks = new Map();
  /** @type {Set<'audio' | 'video'>} what they paused */
  paused = new Set();
  state = '';

  constructor(id, name) {
    this.id = id;
    this.name = name;
    this.stream = new MediaStream();
  }

  /** Makes `tracks` the peer's tracks; true when the stream changed. */
  replaceTracks(tracks) {
    let changed = false;
    for (const [mid, track] of this.tracks) {
      if (tracks.get(mid) === track) continue;
      this.stream.removeTrack(track);
      changed = true;
    }
    for (const [mid, track] of tracks) {
      if (this.tracks.get(mid) === track) continue;
      this.stream.addTrack(track);
      changed = true;
    }
    this.tracks = tracks;
    return changed;
  }

  setPaused(kind, paused) {
    if (paused) this.paused.add(kind);
    else this.paused.delete(kind);
  }

  pausedLabels() {
    return [...this.paused].sort().map((kind) => (kind === 'video' ? 'camera off' : 'microphone off'));
  }
}
