/**
 * TypeScript modules of the server that the browser runs too, served as
 * JavaScript: the signaling client and the call statistics are written once,
 * in server/src, with no Node APIs, and the web app imports them from
 * `/lib/<path>.ts`. Types are stripped at serve time with TypeScript's
 * transpileModule (one file at a time, no type checking: `npm test` type-checks).
 *
 * Only the entries and the modules they import at run time are served, and a
 * module that imports anything but a relative path (`node:events`, a package)
 * is refused up front by prepare(): a browser could not load it.
 *
 * typescript is a devDependency, like tsx, which runs `npm start` itself: a
 * plain `npm install` has both. It is loaded on first use, so the rest of the
 * server does not depend on it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { HttpError } from './errors.ts';
import { isInside } from './static-files.ts';

type TypeScript = typeof import('typescript');

export interface BrowserModulesOptions {
  /** The folder the module paths are relative to: server/src. */
  readonly sourceRoot: string;
  /** Modules the web app imports, relative to sourceRoot: 'signaling/client.ts'. */
  readonly entries: readonly string[];
}

interface Transpiled {
  readonly modifiedMs: number;
  readonly code: string;
  /** Relative to sourceRoot, with '/' separators. */
  readonly imports: readonly string[];
}

export class BrowserModules {
  readonly #sourceRoot: string;
  readonly #entries: readonly string[];
  readonly #cache = new Map<string, Transpiled>();
  #typescript: Promise<TypeScript> | undefined;
  #served: Set<string> | undefined;

  constructor(options: BrowserModulesOptions) {
    this.#sourceRoot = path.resolve(options.sourceRoot);
    this.#entries = options.entries.map((entry) => entry.split(path.sep).join('/'));
  }

  /**
   * Transpiles every entry and what it imports, and returns their paths. Throws
   * if typescript is missing, a module is missing, or one imports a module a
   * browser cannot load.
   */
  async prepare(): Promise<readonly string[]> {
    const served = new Set<string>();
    const pending = [...this.#entries];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (served.has(next)) continue;
      served.add(next);
      pending.push(...(await this.#transpile(next)).imports);
    }
    this.#served = served;
    return [...served].sort();
  }

  /** The JavaScript for `modulePath` ('signaling/client.ts'); HttpError NOT_FOUND unless it is served. */
  async load(modulePath: string): Promise<string> {
    this.#served ??= new Set(await this.prepare());
    if (!this.#served.has(modulePath)) throw new HttpError('NOT_FOUND', `/lib/${modulePath} is not a browser module`);
    const transpiled = await this.#transpile(modulePath);
    // An edit may have added an import; serve it as well.
    for (const imported of transpiled.imports) if (!this.#served.has(imported)) await this.prepare();
    return transpiled.code;
  }

  async #transpile(modulePath: string): Promise<Transpiled> {
    const file = path.join(this.#sourceRoot, modulePath);
    let modifiedMs: number;
    try {
      modifiedMs = (await stat(file)).mtimeMs;
    } catch {
      throw new Error(`browser module ${modulePath}: no file ${file}`);
    }
    const cached = this.#cache.get(modulePath);
    if (cached !== undefined && cached.modifiedMs === modifiedMs) return cached;

    const ts = await this.#loadTypeScript();
    const source = await readFile(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        inlineSourceMap: true,
        inlineSources: true,
      },
    });
    const imports = ts.preProcessFile(outputText, true, false).importedFiles.map(({ fileName: specifier }) =>
      this.#resolveImport(modulePath, specifier),
    );
    const transpiled = { modifiedMs, code: outputText, imports };
    this.#cache.set(modulePath, transpiled);
    return transpiled;
  }

  #resolveImport(importer: string, specifier: string): string {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
      throw new Error(`browser module ${importer} imports ${JSON.stringify(specifier)}: a browser can load only the relative imports of these modules`);
    }
    const target = path.resolve(path.dirname(path.join(this.#sourceRoot, importer)), specifier);
    if (!isInside(this.#sourceRoot, target) || !target.endsWith('.ts')) {
      throw new Error(`browser module ${importer} imports ${JSON.stringify(specifier)}, outside server/src or not a .ts file`);
    }
    return path.relative(this.#sourceRoot, target).split(path.sep).join('/');
  }

  #loadTypeScript(): Promise<TypeScript> {
    this.#typescript ??= import('typescript').then(
      (module) => (module as { default?: TypeScript }).default ?? module,
      (error: unknown) => {
        throw new Error('the web app needs the typescript package to serve its modules: run `npm install` (it installs the devDependencies)', { cause: error });
      },
    );
    return this.#typescript;
  }
}
