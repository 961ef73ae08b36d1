/**
 * The course catalog: `labs/course.json`, one ordered list of every lab.
 *
 * Each entry names the lab's folder (`labs/<id>/`), the file the lab runner
 * starts, and, when the lab has a graded exercise, its task and its graduated
 * hints (questions first, answers last). Labs that later issues will write
 * are listed with status `planned` so the README's table shows the whole road.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { labsDir } from './paths.ts';

export type LabStatus = 'ready' | 'planned';

export interface ExerciseInfo {
  /** One sentence: what the student builds. */
  readonly task: string;
  /** Graduated hints, shown one at a time by `npm run hint`: questions first, answers last. */
  readonly hints: readonly string[];
}

export interface LabInfo {
  readonly id: string;
  readonly chapter: number;
  readonly title: string;
  /** One line for `npm run lab`. */
  readonly summary: string;
  /** What the student learns, for the README table. */
  readonly learns: string;
  readonly status: LabStatus;
  /** File inside `labs/<id>/` that `npm run lab -- <id>` starts. */
  readonly entry?: string;
  readonly exercise?: ExerciseInfo;
}

export const catalogFile = path.join(labsDir, 'course.json');

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

function requireString(entry: Record<string, unknown>, key: string, where: string): string {
  const value = entry[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CatalogError(`${where}: "${key}" must be a non-empty string`);
  }
  return value;
}

function parseExercise(value: unknown, where: string): ExerciseInfo | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) throw new CatalogError(`${where}: "exercise" must be an object`);
  const exercise = value as Record<string, unknown>;
  const hints = exercise['hints'];
  if (!Array.isArray(hints) || hints.length < 2 || !hints.every((h) => typeof h === 'string' && h.trim() !== '')) {
    throw new CatalogError(`${where}: "exercise.hints" must list at least two hints (questions first, answers last)`);
  }
  return { task: requireString(exercise, 'task', where), hints };
}

/** Parses and checks the catalog text; throws CatalogError naming the entry at fault. */
export function parseCatalog(text: string): LabInfo[] {
  const raw: unknown = JSON.parse(text);
  if (!Array.isArray(raw)) throw new CatalogError('course.json must hold an array of labs');
  const seen = new Set<string>();
  return raw.map((value, index) => {
    if (typeof value !== 'object' || value === null) throw new CatalogError(`entry ${index} is not an object`);
    const entry = value as Record<string, unknown>;
    const id = requireString(entry, 'id', `entry ${index}`);
    const where = `lab ${id}`;
    if (!/^\d\d-[a-z0-9-]+$/.test(id)) throw new CatalogError(`${where}: id must look like "04-tcp"`);
    if (seen.has(id)) throw new CatalogError(`${where}: listed twice`);
    seen.add(id);
    const status = entry['status'];
    if (status !== 'ready' && status !== 'planned') throw new CatalogError(`${where}: status must be "ready" or "planned"`);
    const entryFile = entry['entry'];
    if (status === 'ready' && typeof entryFile !== 'string') throw new CatalogError(`${where}: a ready lab needs an "entry" file`);
    const exercise = parseExercise(entry['exercise'], where);
    return {
      id,
      chapter: Number.parseInt(id.slice(0, 2), 10),
      title: requireString(entry, 'title', where),
      summary: requireString(entry, 'summary', where),
      learns: requireString(entry, 'learns', where),
      status,
      ...(typeof entryFile === 'string' ? { entry: entryFile } : {}),
      ...(exercise ? { exercise } : {}),
    };
  });
}

export function loadCatalog(): LabInfo[] {
  return parseCatalog(readFileSync(catalogFile, 'utf8'));
}

/** Labs a student can run today. */
export function readyLabs(catalog: readonly LabInfo[] = loadCatalog()): LabInfo[] {
  return catalog.filter((lab) => lab.status === 'ready');
}

/** Ready labs that have a graded exercise, in course order. */
export function gradedExercises(catalog: readonly LabInfo[] = loadCatalog()): Array<LabInfo & { exercise: ExerciseInfo }> {
  return readyLabs(catalog).filter((lab): lab is LabInfo & { exercise: ExerciseInfo } => lab.exercise !== undefined);
}
