import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, gradedExercises, loadCatalog, parseCatalog, readyLabs } from './catalog.ts';
import { exercisesDir, isTestPath, labsDir, repoRoot, solutionsDir } from './paths.ts';

function filesUnder(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

describe('parseCatalog', () => {
  const valid = { id: '04-tcp', title: 't', summary: 's', learns: 'l', status: 'ready', entry: 'main.ts' };
  const cases: Array<{ name: string; entries: unknown; message: RegExp }> = [
    { name: 'not an array', entries: {}, message: /array/ },
    { name: 'bad id', entries: [{ ...valid, id: 'tcp' }], message: /id must look like/ },
    { name: 'duplicate id', entries: [valid, valid], message: /listed twice/ },
    { name: 'unknown status', entries: [{ ...valid, status: 'done' }], message: /status/ },
    { name: 'ready lab without an entry', entries: [{ ...valid, entry: undefined }], message: /entry/ },
    { name: 'missing title', entries: [{ ...valid, title: '' }], message: /"title"/ },
    { name: 'a single hint', entries: [{ ...valid, exercise: { task: 'x', hints: ['only one'] } }], message: /at least two hints/ },
  ];
  for (const { name, entries, message } of cases) {
    it(`rejects ${name}`, () => {
      expect(() => parseCatalog(JSON.stringify(entries))).toThrow(CatalogError);
      expect(() => parseCatalog(JSON.stringify(entries))).toThrow(message);
    });
  }

  it('reads the chapter from the id', () => {
    expect(parseCatalog(JSON.stringify([valid]))[0]?.chapter).toBe(4);
  });
});

describe('the course on disk', () => {
  const catalog = loadCatalog();
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

  for (const lab of readyLabs(catalog)) {
    it(`${lab.id} has a lesson, an entry point and a row in the README`, () => {
      expect(existsSync(path.join(labsDir, lab.id, 'README.md')), 'labs/<id>/README.md').toBe(true);
      expect(existsSync(path.join(labsDir, lab.id, lab.entry ?? 'main.ts')), 'the entry file').toBe(true);
      expect(readme).toContain(`\`${lab.id}\``);
    });
  }

  for (const lab of gradedExercises(catalog)) {
    it(`${lab.id}: tests in exercises/, a stub with TODOs, a solution mirroring it`, () => {
      const exerciseFiles = filesUnder(path.join(exercisesDir, lab.id));
      const tests = exerciseFiles.filter((f) => isTestPath(f) && f.endsWith('.test.ts'));
      const stubFiles = exerciseFiles.filter((f) => !isTestPath(f)).sort();
      expect(tests.length, 'exercise has tests').toBeGreaterThan(0);
      expect(stubFiles.length, 'exercise has a stub').toBeGreaterThan(0);
      expect(filesUnder(path.join(solutionsDir, lab.id)).sort()).toEqual(stubFiles);
      const stubsWithTodo = stubFiles.filter((f) => readFileSync(path.join(exercisesDir, lab.id, f), 'utf8').includes('TODO'));
      expect(stubsWithTodo.length, 'some stub file says TODO').toBeGreaterThan(0);
      const solutionTodos = stubFiles.filter((f) => /throw new Error\(['`"]TODO/.test(readFileSync(path.join(solutionsDir, lab.id, f), 'utf8')));
      expect(solutionTodos, 'solutions throw no TODO errors').toEqual([]);
    });
  }

  it('README.md has one row per lab with its current status', () => {
    for (const lab of catalog) {
      const row = new RegExp(`^\\| \`${lab.id}\` \\| ${lab.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|.*\\| ${lab.status} \\|$`, 'm');
      expect(readme, `README row for ${lab.id} (${lab.status})`).toMatch(row);
    }
  });

  it('has no exercise or solution folder the catalog does not grade', () => {
    const graded = new Set(gradedExercises(catalog).map((lab) => lab.id));
    const folders = [exercisesDir, solutionsDir].flatMap((dir) =>
      existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name) : [],
    );
    expect(folders.filter((name) => !graded.has(name))).toEqual([]);
  });
});
