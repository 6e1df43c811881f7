/**
 * The glossary, held to what the lab prints: every kernel word the engine can narrate (read
 * from the engine's source, and from running every preset and conformance case in both kernel
 * models) has an entry; every entry says, for each model, where the word lives at that model's
 * version or why it does not exist there; links are well-formed and carry the version.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { KERNELS, type KernelModel } from '../engine/commands/terms';
import { parse } from '../scenario/parse';
import { runScenario } from '../scenario/run';
import { kernelWords, modelSource, sourcesFor, splitTerms, termByKey } from './lookup';
import { GLOSSARY, KERNEL_VERSIONS } from './terms';

/** The engine's sources (tests and test helpers aside), as text. */
const ENGINE_FILES = Object.entries(
  import.meta.glob<string>(
    ['../engine/**/*.ts', '!../engine/**/*.test.ts', '!../engine/testing/**'],
    {
      query: '?raw',
      import: 'default',
      eager: true,
    },
  ),
);
/** The scenario files: the presets and the conformance cases. */
const SCENARIO_FILES = Object.values(
  import.meta.glob<string>(['../presets/*.hmm', '../conformance/*.hmm'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
);

/**
 * Every kernel word in the engine's string literals and templates (import specifiers aside):
 * the narration (Kernel.step's function and sentence, its source file) is built from them.
 */
function engineWords(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [f, source] of ENGINE_FILES) {
    const sf = ts.createSourceFile(f, source, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return;
      let texts: string[] = [];
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) texts = [n.text];
      else if (ts.isTemplateExpression(n))
        texts = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)];
      for (const t of texts) for (const w of kernelWords(t)) if (!out.has(w)) out.set(w, f);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** The scenario files (presets and conformance cases), in both kernel models. */
function narratedWords(): Record<KernelModel, Set<string>> {
  const out: Record<KernelModel, Set<string>> = { modern: new Set(), seeds: new Set() };
  for (const file of SCENARIO_FILES)
    for (const kernel of KERNELS) {
      const text = file.replace(/^kernel \w+/m, `kernel ${kernel}`);
      const p = parse(text);
      if (!p.ok) continue; // a preset that needs its own model (checked by its own tests)
      const r = runScenario(p.scenario);
      if (!r.ok) continue;
      for (const rec of r.run.records)
        for (const s of rec.steps)
          for (const t of [s.fn, s.text, s.source])
            for (const w of kernelWords(t)) out[kernel].add(w);
    }
  return out;
}

describe('the glossary', () => {
  it('has one entry per key, each with an explanation', () => {
    const keys = GLOSSARY.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of GLOSSARY) {
      expect(t.text.length, t.key).toBeGreaterThan(10);
      expect(t.text.length, t.key).toBeLessThan(320);
      expect(t.text, t.key).toMatch(/[.!?)]$/);
    }
  });

  it('explains every kernel word the engine can narrate (a new one needs an entry)', () => {
    const missing = [...engineWords()]
      .filter(([w]) => !termByKey(w))
      .map(([w, f]) => `${w} (${f})`);
    expect(missing).toEqual([]);
  });

  it('explains every word the presets and conformance cases narrate, in both models', () => {
    const words = narratedWords();
    for (const kernel of KERNELS) {
      expect(words[kernel].size, kernel).toBeGreaterThan(100);
      expect(
        [...words[kernel]].filter((w) => !termByKey(w)),
        kernel,
      ).toEqual([]);
    }
  }, 60_000);

  it('gives every entry, for each model, a versioned link or the reason it has none', () => {
    const link =
      /^https:\/\/elixir\.bootlin\.com\/linux\/(v\d+\.\d+)\/(A\/ident\/[A-Za-z_][A-Za-z0-9_]*|source\/[a-z0-9_/.-]+\.[ch])$/;
    for (const t of GLOSSARY)
      for (const kernel of KERNELS) {
        const s = modelSource(t, kernel);
        if (s.url === null) {
          expect(s.note, `${t.key} ${kernel}`).toMatch(/\S{3}/);
        } else {
          const m = link.exec(s.url);
          expect(m, s.url).not.toBeNull();
          expect(m?.[1]).toBe(KERNEL_VERSIONS[kernel]);
        }
      }
  });

  it('links the names each model narrates under their own name where that kernel has it', () => {
    expect(modelSource(termByKey('migrate_vma_setup')!, 'modern').url).toBe(
      'https://elixir.bootlin.com/linux/v6.15/A/ident/migrate_vma_setup',
    );
    expect(modelSource(termByKey('migrate_vma')!, 'seeds').url).toBe(
      'https://elixir.bootlin.com/linux/v4.14/A/ident/migrate_vma',
    );
    // Not in that version: no link, and a reason.
    const dmirror = modelSource(termByKey('dmirror_devmem_fault')!, 'seeds');
    expect(dmirror.url).toBeNull();
    expect(dmirror.note).toMatch(/v5\.7/);
    expect(modelSource(termByKey('MEMORY_DEVICE_PUBLIC')!, 'modern').url).toBeNull();
    expect(modelSource(termByKey('MEMORY_DEVICE_COHERENT')!, 'seeds').url).toBeNull();
    // A renamed function links to the name that version has, and says so.
    const swap = modelSource(termByKey('swap_read_folio')!, 'seeds');
    expect(swap.url).toBe('https://elixir.bootlin.com/linux/v4.14/A/ident/swap_readpage');
    expect(swap.note).toMatch(/swap_readpage/);
    expect(modelSource(termByKey('mm/migrate_device.c')!, 'modern').url).toBe(
      'https://elixir.bootlin.com/linux/v6.15/source/mm/migrate_device.c',
    );
  });

  it('shows the current model first, and the other only when it differs', () => {
    const same = sourcesFor(termByKey('do_swap_page')!, 'seeds');
    expect(same.map((s) => s.model)).toEqual(['seeds']);
    const diff = sourcesFor(termByKey('hmm_range_fault')!, 'seeds');
    expect(diff.map((s) => s.model)).toEqual(['seeds', 'modern']);
  });

  it('cuts a sentence into text and glossary words', () => {
    expect(
      splitTerms('collect (migrate_vma_collect_pmd) in mm/migrate_device.c, not foo_bar'),
    ).toEqual([
      'collect (',
      { key: 'migrate_vma_collect_pmd', text: 'migrate_vma_collect_pmd' },
      ') in ',
      { key: 'mm/migrate_device.c', text: 'mm/migrate_device.c' },
      ', not foo_bar',
    ]);
  });
});
