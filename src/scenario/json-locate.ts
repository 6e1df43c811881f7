/**
 * Positions in JSON text, for fromJson's errors: where a syntax error is, and where the value
 * at a path (`scenario.steps[3].command.pages`) starts. JSON.parse gives neither reliably, so
 * this is a small scanner. It never throws; when it cannot tell, it answers null / offset 0.
 */

export type PathKey = string | number;

/** Nesting deeper than this is not followed (the scenario schema is a few levels deep). */
const MAX_DEPTH = 256;

class Fail extends Error {}

/** The wanted paths, as a tree: `ids` are the paths that pass through (or end at) a node. */
interface Trie {
  ids: number[];
  kids: Map<PathKey, Trie>;
}

function trieOf(paths: readonly (readonly PathKey[])[]): Trie {
  const root: Trie = { ids: [], kids: new Map() };
  paths.forEach((path, id) => {
    let node = root;
    for (const k of path) {
      let next = node.kids.get(k);
      if (!next) node.kids.set(k, (next = { ids: [], kids: new Map() }));
      next.ids.push(id);
      node = next;
    }
  });
  return root;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos += 1;
    }
  }

  eat(c: string): void {
    if (this.text[this.pos] !== c) throw new Fail();
    this.pos += 1;
  }

  /** Scans one string; returns its raw text including quotes. */
  string(): string {
    const t = this.text;
    const start = this.pos;
    this.eat('"');
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        this.pos += 1;
        return t.slice(start, this.pos);
      }
      if (c < 0x20) throw new Fail();
      if (c === 0x5c) {
        const e = t[this.pos + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) throw new Fail();
          this.pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') throw new Fail();
        this.pos += 2;
        continue;
      }
      this.pos += 1;
    }
    throw new Fail();
  }

  /**
   * Scans one value. Under `node` (the paths wanted below here), records in `at` where each
   * wanted path's deepest part found so far starts; later duplicates overwrite, as in
   * JSON.parse.
   */
  value(depth: number, node: Trie | null, at: number[]): void {
    if (depth > MAX_DEPTH) throw new Fail();
    this.ws();
    const c = this.text[this.pos];
    if (c === '{') {
      this.pos += 1;
      this.ws();
      if (this.text[this.pos] === '}') {
        this.pos += 1;
        return;
      }
      for (;;) {
        this.ws();
        const raw = this.string();
        this.ws();
        this.eat(':');
        this.ws();
        const child =
          node && node.kids.size > 0 ? node.kids.get(JSON.parse(raw) as string) : undefined;
        this.enter(depth, child, at);
        if (!this.separator('}')) return;
      }
    }
    if (c === '[') {
      this.pos += 1;
      this.ws();
      if (this.text[this.pos] === ']') {
        this.pos += 1;
        return;
      }
      for (let i = 0; ; i++) {
        this.ws();
        this.enter(depth, node?.kids.get(i), at);
        if (!this.separator(']')) return;
      }
    }
    if (c === '"') {
      this.string();
      return;
    }
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;
    m.lastIndex = this.pos;
    if (!m.test(this.text)) throw new Fail();
    this.pos = m.lastIndex;
  }

  private enter(depth: number, child: Trie | undefined, at: number[]): void {
    if (child) for (const id of child.ids) at[id] = this.pos;
    this.value(depth + 1, child ?? null, at);
  }

  /** After a member: `,` (true: another follows) or the closing bracket (false). */
  private separator(close: string): boolean {
    this.ws();
    if (this.text[this.pos] === ',') {
      this.pos += 1;
      return true;
    }
    this.eat(close);
    return false;
  }
}

/** The offset of the first syntax error in `text`, or null if it scans as JSON (or is too deep). */
export function syntaxErrorOffset(text: string): number | null {
  const s = new Scanner(text);
  try {
    s.value(0, null, []);
    s.ws();
    return s.pos < text.length ? s.pos : null;
  } catch (e) {
    if (e instanceof Fail) return s.pos;
    return null;
  }
}

/** Where the value at `path` starts in valid JSON `text`: the deepest part of the path found
 * (a missing key points at its object). Duplicate keys: the last wins, as in JSON.parse. */
export function locatePath(text: string, path: readonly PathKey[]): number {
  return locatePaths(text, [path])[0] ?? 0;
}

/**
 * locatePath for many paths in one scan of the text: fromJson reports up to 50 errors, and
 * one scan each of a 4 MiB document would take seconds.
 */
export function locatePaths(text: string, paths: readonly (readonly PathKey[])[]): number[] {
  const s = new Scanner(text);
  s.ws();
  const at = paths.map(() => s.pos);
  try {
    s.value(0, trieOf(paths), at);
  } catch {
    // Not valid JSON past some point: the positions found before it stand.
  }
  return at;
}

/** lineColumn of many offsets, in one pass over the text. */
export function lineColumns(
  text: string,
  offsets: readonly number[],
): Array<{ line: number; column: number }> {
  const order = offsets.map((_, i) => i).sort((a, b) => (offsets[a] ?? 0) - (offsets[b] ?? 0));
  const out: Array<{ line: number; column: number }> = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  for (const k of order) {
    const end = Math.min(Math.max(0, offsets[k] ?? 0), text.length);
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
        line += 1;
        lineStart = i + 1;
      }
    }
    out[k] = { line, column: end - lineStart + 1 };
  }
  return out;
}

/** 1-based line and column (UTF-16 code units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(0, offset), text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
