/**
 * The tree's rooms (the folders under src/) and the imports between them, read with the
 * TypeScript compiler's own scanner and parser: imports per pair of rooms, import cycles
 * (strongly connected files), the largest files and the longest functions. `npm run rooms`
 * prints the report; rooms.test.ts holds the tree to no cycles and to the fences' counts.
 *
 * TypeScript (already the project's compiler) reads every import form, type-only ones too;
 * a cycle through `import type` still ties two files together for a reader, so it counts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Path from the repository root, with `/`. */
  path: string;
  lines: number;
  /** Files of the tree it imports (resolved paths). */
  imports: string[];
}

const CODE = /\.(ts|tsx)$/;
const TEST = /\.test\.tsx?$|\.d\.ts$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : CODE.test(name) ? [full] : [];
  });
}

/** The file an import names, if it is a source file of the tree. */
function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile() && CODE.test(candidate)) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Every source file under `root/src` (tests and declarations left out), with its imports. */
export function readTree(root: string): SourceFile[] {
  const files = walk(join(root, 'src')).filter((f) => !TEST.test(f));
  const rel = (f: string) => relative(root, f).split('\\').join('/');
  return files.map((f) => {
    const text = readFileSync(f, 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const imports = info.importedFiles
      .map((i) => resolveImport(f, i.fileName))
      .filter((x): x is string => x !== null)
      .map(rel);
    return { path: rel(f), lines: text.split('\n').length, imports: [...new Set(imports)] };
  });
}

/** A file's room: its folder under src/ (`src/engine`), or `src` for files at the top. */
export function roomOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '');
}

/** The layers (src/rooms.json): the rooms in order, and the rooms each may import. */
export interface Layers {
  rooms: string[];
  allowed: Record<string, string[]>;
}

export function readLayers(root: string): Layers {
  return JSON.parse(readFileSync(join(root, 'src/rooms.json'), 'utf8')) as Layers;
}

/** Imports between rooms that the layers do not allow (`src/a -> src/b`). */
export function layerViolations(pairs: ReadonlyMap<string, number>, layers: Layers): string[] {
  const out: string[] = [];
  for (const key of pairs.keys()) {
    const [a = '', b = ''] = key.split(' -> ').map((r) => r.replace(/^src\/?/, ''));
    // main.tsx, the entry, sits on top of everything.
    if (a === '') continue;
    if (!layers.allowed[a]?.includes(b)) out.push(key);
  }
  return out;
}

/** Imports from one room into another, counted per importing file and imported file. */
export function roomPairs(files: readonly SourceFile[]): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const f of files) {
    for (const to of f.imports) {
      const a = roomOf(f.path);
      const b = roomOf(to);
      if (a === b) continue;
      const key = `${a} -> ${b}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  return pairs;
}

/** The files of every import cycle (Tarjan's strongly connected components of size > 1). */
export function cycles(files: readonly SourceFile[]): string[][] {
  const graph = new Map(files.map((f) => [f.path, f.imports]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const scc: string[] = [];
    for (;;) {
      const w = stack.pop() ?? v;
      onStack.delete(w);
      scc.push(w);
      if (w === v) break;
    }
    if (scc.length > 1) out.push(scc.sort());
  };
  for (const f of files) if (!index.has(f.path)) visit(f.path);
  return out;
}

/** Rooms that import each other, directly (a cycle between rooms, not files). */
export function roomCycles(pairs: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  for (const key of pairs.keys()) {
    const [a, b] = key.split(' -> ');
    if (a && b && a < b && pairs.has(`${b} -> ${a}`)) out.push(`${a} <-> ${b}`);
  }
  return out;
}

export interface FunctionSize {
  path: string;
  name: string;
  lines: number;
}

/** Every function's length in lines (declarations, methods, arrows and expressions). */
export function functionSizes(root: string, files: readonly SourceFile[]): FunctionSize[] {
  const out: FunctionSize[] = [];
  for (const f of files) {
    const text = readFileSync(join(root, f.path), 'utf8');
    const sf = ts.createSourceFile(f.path, text, ts.ScriptTarget.Latest, true);
    const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const parent = node.parent;
        const name =
          'name' in node && node.name
            ? node.name.getText(sf)
            : ts.isVariableDeclaration(parent)
              ? parent.name.getText(sf)
              : ts.isPropertyAssignment(parent)
                ? parent.name.getText(sf)
                : '(anonymous)';
        out.push({ path: f.path, name, lines: line(node.end) - line(node.getStart(sf)) + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out.sort((a, b) => b.lines - a.lines);
}

/** The report `npm run rooms` prints. */
export function report(root: string): string {
  const files = readTree(root);
  const pairs = roomPairs(files);
  const rooms = new Map<string, { files: number; lines: number }>();
  for (const f of files) {
    const r = rooms.get(roomOf(f.path)) ?? { files: 0, lines: 0 };
    rooms.set(roomOf(f.path), { files: r.files + 1, lines: r.lines + f.lines });
  }
  const out = [`${files.length} source files (tests left out) in ${rooms.size} rooms`, ''];
  for (const [room, r] of [...rooms].sort())
    out.push(
      `  ${room.padEnd(16)} ${String(r.files).padStart(4)} files ${String(r.lines).padStart(6)} lines`,
    );
  out.push('', `imports between rooms (${pairs.size} pairs):`);
  for (const [key, n] of [...pairs].sort()) out.push(`  ${key.padEnd(36)} ${n}`);
  const fileCycles = cycles(files);
  out.push('', `import cycles: ${fileCycles.length}`);
  for (const c of fileCycles) out.push(`  ${c.join(' <-> ')}`);
  const both = roomCycles(pairs);
  out.push('', `rooms importing each other: ${both.length}`);
  for (const c of both) out.push(`  ${c}`);
  const wrong = layerViolations(pairs, readLayers(root));
  out.push('', `imports the layers (src/rooms.json) do not allow: ${wrong.length}`);
  for (const w of wrong) out.push(`  ${w}`);
  out.push('', 'largest files:');
  for (const f of [...files].sort((a, b) => b.lines - a.lines).slice(0, 10))
    out.push(`  ${String(f.lines).padStart(5)}  ${f.path}`);
  out.push('', 'longest functions:');
  for (const fn of functionSizes(root, files).slice(0, 10))
    out.push(`  ${String(fn.lines).padStart(5)}  ${fn.path}: ${fn.name}`);
  return `${out.join('\n')}\n`;
}
