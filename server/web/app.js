// The page: a join form, or straight into the call when the URL says
// /?room=<room>&name=<name>[&token=<token>]; then the call view: the local
// preview, a tile per remote peer, camera/microphone toggles, leave. The call
// is an SFU call or a mesh call, as the server says when we join (join-call.js).
import { joinCall } from '/join-call.js';
import { Tile } from '/tiles.js';

const STATS_INTERVAL_MS = 1000;
/**
 * What to ask the camera for, by mode. Through an SFU the camera is encoded
 * once, whatever the size of the room; a mesh encodes it once per peer, so
 * it asks for less. The server's mode is known only once we join, so the
 * camera is opened at the larger size and scaled down for a mesh.
 */
const MEDIA_CONSTRAINTS = { audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } } };
const MESH_VIDEO_CONSTRAINTS = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } };
const TITLES = { sfu: 'SFU call', mesh: 'Mesh call' };

const $ = (selector) => document.querySelector(selector);
const form = /** @type {HTMLFormElement} */ ($('#join'));
const callView = $('#call');
const tilesElement = $('#tiles');

/** What is going on, for people and for the browser tests (window.call). */
const state = { call: undefined, localStream: undefined, tiles: new Map(), timer: undefined };

function setStatus(text) {
  $('#status').textContent = text;
}

function showError(message, code) {
  const box = $('#error');
  box.textContent = message;
  box.dataset.code = code ?? '';
  box.hidden = false;
}

function clearError() {
  const box = $('#error');
  box.hidden = true;
  box.textContent = '';
  delete box.dataset.code;
}

/** The join request refused, or media unavailable: say it in words a user can act on. */
function explain(error) {
  switch (error.code ?? error.name) {
    case 'TOKEN_REQUIRED':
      return 'This server needs a room token: open the link you were given, which ends in &token=…';
    case 'TOKEN_INVALID':
      return 'The server refused the room token: it is malformed or was not signed by this server.';
    case 'TOKEN_EXPIRED':
      return 'The server refused the room token: it has expired. Ask for a new link.';
    case 'TOKEN_WRONG_ROOM':
      return 'The server refused the room token: it is for another room.';
    case 'ROOM_FULL':
      return 'The room is full: the server limits how many join one room.';
    case 'NotAllowedError':
      return 'Camera and microphone were blocked: allow them for this site and join again.';
    case 'NotFoundError':
      return 'No camera or microphone found.';
    case 'REQUEST_TIMEOUT':
    case 'CONNECTION_CLOSED':
      return 'The signaling server did not answer. Is npm start still running?';
    default:
      return error.message ?? String(error);
  }
}

async function join({ room, name, token }) {
  clearError();
  form.hidden = true;
  setStatus(`joining ${room}…`);
  try {
    if (!window.isSecureContext || !navigator.mediaDevices) {
      throw new Error(`The camera needs a secure context: this page is ${location.origin}. Use https (npm start -- --https) or http://localhost.`);
    }
    state.localStream = await navigator.mediaDevices.getUserMedia(MEDIA_CONSTRAINTS);
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
    state.call = await joinCall({ url, room, name, token, localStream: state.localStream });
    if (state.call.mode === 'mesh') await Promise.all(state.localStream.getVideoTracks().map((track) => track.applyConstraints(MESH_VIDEO_CONSTRAINTS).catch(() => {})));
  } catch (error) {
    stopLocalMedia();
    state.call = undefined;
    showError(explain(error), error.code ?? error.name);
    setStatus('not in a call');
    form.hidden = false;
    return;
  }
  enterCall(room, name);
}

function enterCall(room, name) {
  const call = state.call;
  window.call = call; // for the console: call.mode, call.peers, call.localStream, await call.statsSnapshot()
  document.title = $('h1').textContent = TITLES[call.mode];
  resetToggles();
  callView.hidden = false;
  const local = new Tile(tilesElement, { id: call.peerId, name, local: true });
  local.show(state.localStream);
  state.tiles.set(call.peerId, local);
  call.addEventListener('peer-added', ({ detail: { peer } }) => {
    const tile = new Tile(tilesElement, peer);
    tile.setState(peer.state || 'connecting');
    if (peer.stream.getTracks().length > 0) tile.show(peer.stream);
    state.tiles.set(peer.id, tile);
    updateStatus(room);
  });
  call.addEventListener('peer-track', ({ detail: { peer } }) => state.tiles.get(peer.id)?.show(peer.stream));
  call.addEventListener('peer-state', ({ detail: { peer } }) => state.tiles.get(peer.id)?.setState(peer.state));
  call.addEventListener('peer-removed', ({ detail: { peer } }) => {
    state.tiles.get(peer.id)?.remove();
    state.tiles.delete(peer.id);
    updateStatus(room);
  });
  call.addEventListener('problem', ({ detail }) => console.warn(detail.message));
  call.addEventListener('closed', () => {
    if (state.call === call) {
      leaveCall();
      showError('The connection to the server closed. Join again when it is back.', 'CONNECTION_CLOSED');
    }
  });
  // Peers listed in the join response were added before these listeners existed.
  for (const peer of call.peers.values()) call.dispatchEvent(new CustomEvent('peer-added', { detail: { peer } }));
  state.timer = setInterval(refreshStats, STATS_INTERVAL_MS);
  updateStatus(room);
}

function updateStatus(room) {
  const call = state.call;
  const others = call?.peers.size ?? 0;
  const how =
    call?.mode === 'sfu'
      ? 'SFU: 2 peer connections (send, receive) with the server, your camera is encoded and sent once'
      : `mesh: ${others} peer connection${others === 1 ? '' : 's'}, your camera is encoded and sent ${others} time${others === 1 ? '' : 's'}`;
  setStatus(`room ${room}: ${others + 1} in the call · ${how}`);
}

async function refreshStats() {
  const call = state.call;
  if (!call) return;
  const stats = await call.peerStats().catch(() => new Map());
  for (const [peerId, entries] of stats) state.tiles.get(peerId)?.refreshStats(entries);
}

function stopLocalMedia() {
  for (const track of state.localStream?.getTracks() ?? []) track.stop();
  state.localStream = undefined;
}

function leaveCall() {
  const call = state.call;
  state.call = undefined;
  clearInterval(state.timer);
  call?.leave();
  for (const tile of state.tiles.values()) tile.remove();
  state.tiles.clear();
  stopLocalMedia();
  callView.hidden = true;
  form.hidden = false;
  setStatus('you left the call');
}

/** A new call starts with camera and microphone on, whatever the last one ended with. */
function resetToggles() {
  for (const [selector, label] of [['#toggle-camera', 'Camera'], ['#toggle-microphone', 'Microphone']]) {
    $(selector).setAttribute('aria-pressed', 'true');
    $(selector).textContent = `${label} on`;
  }
}

function toggle(button, kind) {
  const on = button.getAttribute('aria-pressed') !== 'true';
  // No renegotiation either way: a mesh disables the track, an SFU call also pauses its producer.
  state.call?.setSending(kind, on);
  button.setAttribute('aria-pressed', String(on));
  button.textContent = `${kind === 'video' ? 'Camera' : 'Microphone'} ${on ? 'on' : 'off'}`;
}

$('#toggle-camera').addEventListener('click', (event) => toggle(event.currentTarget, 'video'));
$('#toggle-microphone').addEventListener('click', (event) => toggle(event.currentTarget, 'audio'));
$('#leave').addEventListener('click', leaveCall);
window.addEventListener('pagehide', () => state.call?.leave());

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const fields = { room: String(data.get('room')), name: String(data.get('name')), token: String(data.get('token') ?? '') };
  const params = new URLSearchParams({ room: fields.room, name: fields.name });
  if (fields.token) params.set('token', fields.token);
  history.replaceState(null, '', `/?${params}`);
  join(fields);
});

const params = new URLSearchParams(location.search);
for (const field of ['room', 'name', 'token']) if (params.has(field)) form.elements[field].value = params.get(field);
if (params.get('room') && params.get('name')) {
  join({ room: params.get('room'), name: params.get('name'), token: params.get('token') ?? '' });
} else {
  form.hidden = false;
  setStatus('not in a call');
}
