/**
 * The student's progress, kept in a plain text file (`.progress` at the
 * repository root) so it can be read, edited, or deleted to start over:
 *
 *   # exercise        state        hints-seen
 *   03-first-server   passed       0
 *   04-tcp            failed       2
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExerciseStatus } from './grading.ts';

export interface ExerciseProgress {
  readonly state: ExerciseStatus;
  readonly hintsSeen: number;
}

const STATES: readonly ExerciseStatus[] = ['passed', 'failed', 'not-started'];
const HEADER = [
  '# Course progress, written by `npm run grade` and `npm run hint`.',
  '# Delete this file to start over.',
  '# exercise                   state        hints-seen',
];

export function parseProgress(text: string): Map<string, ExerciseProgress> {
  const progress = new Map<string, ExerciseProgress>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [id, state, hints] = trimmed.split(/\s+/);
    if (!id || !STATES.includes(state as ExerciseStatus)) continue;
    const hintsSeen = Number.parseInt(hints ?? '0', 10);
    progress.set(id, { state: state as ExerciseStatus, hintsSeen: Number.isFinite(hintsSeen) && hintsSeen > 0 ? hintsSeen : 0 });
  }
  return progress;
}

export function serializeProgress(progress: ReadonlyMap<string, ExerciseProgress>): string {
  const rows = [...progress].map(([id, p]) => `${id.padEnd(28)} ${p.state.padEnd(12)} ${p.hintsSeen}`);
  return [...HEADER, ...rows, ''].join('\n');
}

/** Reads and writes one progress file. A missing or unreadable line is simply not progress. */
export class ProgressFile {
  constructor(readonly file: string) {}

  read(): Map<string, ExerciseProgress> {
    return existsSync(this.file) ? parseProgress(readFileSync(this.file, 'utf8')) : new Map();
  }

  update(id: string, change: Partial<ExerciseProgress>): ExerciseProgress {
    const all = this.read();
    const next: ExerciseProgress = { state: 'not-started', hintsSeen: 0, ...all.get(id), ...change };
    all.set(id, next);
    writeFileSync(this.file, serializeProgress(all));
    return next;
  }
}
