/**
 * The tree's shape, held in CI: no import cycle between files or between rooms, and every
 * import between rooms one that src/rooms.json allows (the table ESLint's fences come from).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, layerViolations, readLayers, readTree, roomCycles, roomPairs } from './rooms';

const ROOT = join(import.meta.dirname, '../..');
const files = readTree(ROOT);
const pairs = roomPairs(files);

describe('the rooms of src/', () => {
  it('have no import cycle, between files or between rooms', () => {
    expect(cycles(files)).toEqual([]);
    expect(roomCycles(pairs)).toEqual([]);
  });

  it('import only what src/rooms.json allows each of them', () => {
    expect(layerViolations(pairs, readLayers(ROOT))).toEqual([]);
  });

  it('are exactly the folders of src/, each listed once', () => {
    const layers = readLayers(ROOT);
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual([...layers.rooms].sort());
    expect(new Set(layers.rooms).size).toBe(layers.rooms.length);
    for (const r of layers.rooms) expect(Object.keys(layers.allowed)).toContain(r);
  });

  it('find a cycle and a forbidden import when there is one', () => {
    const fake = [
      { path: 'src/views/a.ts', lines: 1, imports: ['src/worker/b.ts'] },
      { path: 'src/worker/b.ts', lines: 1, imports: ['src/views/a.ts'] },
    ];
    expect(cycles(fake)).toEqual([['src/views/a.ts', 'src/worker/b.ts']]);
    const p = roomPairs(fake);
    expect(roomCycles(p)).toEqual(['src/views <-> src/worker']);
    expect(layerViolations(p, readLayers(ROOT))).toEqual([
      'src/views -> src/worker',
      'src/worker -> src/views',
    ]);
  });
});
