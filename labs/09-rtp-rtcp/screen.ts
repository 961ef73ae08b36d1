/**
 * Where the inspector's output goes. On a terminal the table is redrawn in place, with the latest
 * RTCP lines under it; anywhere else (a pipe, a file, a pcap run) lines are printed as they come
 * and the table is printed whole each time, as a snapshot.
 */
import { clearScreenDown, cursorTo, moveCursor } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import chalk from 'chalk';

export interface Screen {
  /** An event: an RTCP packet, a new SSRC, a decoded RTP packet. */
  line(text: string): void;
  /** The table as it is now. */
  table(text: string): void;
}

export class LogScreen implements Screen {
  line(text: string): void {
    console.log(text);
  }

  table(text: string): void {
    console.log(`\n${text}\n`);
  }
}

export class LiveScreen implements Screen {
  readonly #out: NodeJS.WriteStream;
  readonly #keep: number;
  readonly #recent: string[] = [];
  /** Terminal rows the last drawing took, to move back over it. */
  #drawnRows = 0;

  constructor(out: NodeJS.WriteStream = process.stdout, keep = 12) {
    this.#out = out;
    this.#keep = keep;
  }

  line(text: string): void {
    this.#recent.push(text);
    if (this.#recent.length > this.#keep) this.#recent.shift();
  }

  table(text: string): void {
    const lines = [...text.split('\n'), '', chalk.dim(`latest ${this.#keep} events:`), ...this.#recent];
    moveCursor(this.#out, 0, -this.#drawnRows);
    cursorTo(this.#out, 0);
    clearScreenDown(this.#out);
    this.#out.write(`${lines.join('\n')}\n`);
    // A line longer than the terminal wraps onto several rows.
    const columns = this.#out.columns || 80;
    this.#drawnRows = lines.reduce((rows, line) => rows + Math.max(1, Math.ceil(stripVTControlCharacters(line).length / columns)), 0);
  }
}
