// The page: a join form, or straight into the call when the URL says
// /?room=<room>&name=<name>[&token=<token>]; then the call view: the local
// preview, a tile per remote peer, camera/microphone toggles, leave.
import { MeshCall } from '/mesh-call.js';
import { Tile } from '/tiles.js';

const STATS_INTERVAL_MS = 1000;
/** Small enough for several encoders at once: a mesh encodes the camera once per peer. */
const MEDIA_CONSTRAINTS = { audio: true, video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 24 } } };

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
      return 'The room is full: a mesh call keeps rooms small.';
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
    state.call = await MeshCall.join({ url, room, name, token, localStream: state.localStream });
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
  window.call = call; // for the console: call.peers, call.localStream, await call.statsSnapshot()
  resetToggles();
  callView.hidden = false;
  const local = new Tile(tilesElement, { id: call.peerId, name, local: true });
  local.show(state.localStream);
  state.tiles.set(call.peerId, local);
  call.addEventListener('peer-added', ({ detail: { peer } }) => {
    const tile = new Tile(tilesElement, peer);
    tile.setState('connecting');
    if (peer.stream.getTracks().length > 0) tile.show(peer.stream);
    state.tiles.set(peer.id, tile);
    updateStatus(room);
  });
  call.addEventListener('peer-track', ({ detail: { peer } }) => state.tiles.get(peer.id)?.show(peer.stream));
  call.addEventListener('peer-state', ({ detail: { peer } }) => state.tiles.get(peer.id)?.setState(peer.connection.connectionState));
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
  const others = state.call?.peers.size ?? 0;
  setStatus(`room ${room}: ${others + 1} in the call · mesh: ${others} peer connection${others === 1 ? '' : 's'}, your camera is encoded and sent ${others} time${others === 1 ? '' : 's'}`);
}

async function refreshStats() {
  const call = state.call;
  if (!call) return;
  await Promise.all(
    [...call.peers.values()].map((peer) => state.tiles.get(peer.id)?.refreshStats(peer.connection).catch(() => {})),
  );
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
  const tracks = kind === 'video' ? state.localStream?.getVideoTracks() : state.localStream?.getAudioTracks();
  const on = button.getAttribute('aria-pressed') !== 'true';
  // A disabled track keeps its place in every peer connection and sends black frames or silence: no renegotiation.
  for (const track of tracks ?? []) track.enabled = on;
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
