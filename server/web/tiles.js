// The call view's tiles: the local preview and one per remote peer, each with
// its name, state, and once a second its receive statistics and a bitrate sparkline.
import { RollingSeries, sampleConnection, sparklinePoints, tileStats } from '/lib/call-stats/index.ts';

const SPARKLINE_SECONDS = 30;
const SPARKLINE_WIDTH = 120;
const SPARKLINE_HEIGHT = 24;

export class Tile {
  /** @type {import('/lib/call-stats/index.ts').ConnectionSample | undefined} */
  #previous;
  #series = new RollingSeries(SPARKLINE_SECONDS);

  /**
   * @param {HTMLElement} container
   * @param {{ id: string, name: string, local?: boolean }} who
   */
  constructor(container, who) {
    const template = /** @type {HTMLTemplateElement} */ (document.getElementById('tile-template'));
    this.element = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
    this.element.dataset.peerId = who.id;
    this.element.dataset.name = who.name;
    this.video = this.element.querySelector('video');
    this.element.querySelector('.name').textContent = who.local ? `${who.name} (you)` : who.name;
    if (who.local) {
      this.element.classList.add('local');
      this.video.muted = true; // never play your own microphone back
    }
    container.append(this.element);
  }

  /** @param {MediaStream} stream */
  show(stream) {
    if (this.video.srcObject !== stream) this.video.srcObject = stream;
    // Autoplay with sound can be refused without a click; then play muted and offer a button.
    this.video.play().catch(() => {
      if (this.video.muted) return;
      this.video.muted = true;
      this.video.play().catch(() => {});
      const button = this.element.querySelector('.unmute');
      button.hidden = false;
      button.onclick = () => {
        this.video.muted = false;
        button.hidden = true;
      };
    });
  }

  setState(text) {
    this.element.querySelector('.state').textContent = text;
    this.element.dataset.state = text;
  }

  /**
   * Redraws the numbers and the sparkline from this peer's getStats() entries:
   * a whole report in a mesh, the entries of this peer's tracks in an SFU call.
   * @param {Iterable<Record<string, unknown>>} entries
   */
  refreshStats(entries) {
    const sample = sampleConnection(entries);
    const stats = tileStats(this.#previous, sample);
    this.#previous = sample;
    this.#series.push(stats.kbps);
    this.element.querySelector('polyline').setAttribute('points', sparklinePoints(this.#series.values(), SPARKLINE_WIDTH, SPARKLINE_HEIGHT, SPARKLINE_SECONDS));
    this.element.querySelector('.numbers').textContent = [
      formatBitrate(stats.kbps),
      `lost ${stats.packetsLost}`,
      `RTT ${stats.rttMs === undefined ? '–' : `${stats.rttMs.toFixed(0)} ms`}`,
      stats.resolution === undefined ? '' : `${stats.resolution} ${stats.fps.toFixed(0)} fps`,
    ].filter(Boolean).join(' · ');
    Object.assign(this.element.dataset, { kbps: stats.kbps.toFixed(0), framesDecoded: String(stats.framesDecoded) });
    return stats;
  }

  remove() {
    this.video.srcObject = null;
    this.element.remove();
  }
}

function formatBitrate(kbps) {
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(2)} Mbit/s` : `${kbps.toFixed(0)} kbit/s`;
}
