/**
 * `<link rel="modulepreload">` for the chunks the entry imports dynamically, and what they
 * import. src/main.tsx loads React and the app with `import()` so that each is evaluated in a
 * task of its own (one graph evaluated at once was a 40-60 ms task on a cold load); without
 * these links each chunk's download would only start when the one before it had run, a network
 * round trip apiece. A preloaded module is fetched and compiled, not run: the order of
 * evaluation stays main.tsx's.
 *
 * The entry's own dynamic imports, and those further dynamic imports the boot names (`also`:
 * module paths, matched at their end, as src/boot/start.tsx imports src/boot/App.tsx): chunks
 * imported lazily later on (the editor, dialogs, exporters) stay off the first load.
 */
import type { HtmlTagDescriptor, Plugin } from 'vite';

interface ChunkInfo {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  imports: string[];
  dynamicImports: string[];
}

/** File names to preload, in the order the entry needs them (each chunk's imports first). */
export function bootChunks(
  bundle: Record<string, { type: string }>,
  also: readonly string[] = [],
): string[] {
  const chunks = new Map<string, ChunkInfo>();
  for (const [name, out] of Object.entries(bundle))
    if (out.type === 'chunk') chunks.set(name, out as unknown as ChunkInfo);
  const entries = [...chunks.values()].filter((c) => c.isEntry && c.fileName.endsWith('.js'));
  if (entries.length !== 1) throw new Error(`vite/preloadBoot.ts: expected one entry chunk.`);
  const entry = entries[0] as ChunkInfo;
  const order: string[] = [];
  const seen = new Set<string>([entry.fileName, ...entry.imports]);
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const c = chunks.get(name);
    if (!c) return;
    for (const i of c.imports) visit(i);
    order.push(c.fileName);
    for (const d of c.dynamicImports) {
      const id = chunks.get(d)?.facadeModuleId ?? '';
      if (also.some((m) => id.endsWith(m))) visit(d);
    }
  };
  for (const d of entry.dynamicImports) visit(d);
  return order;
}

export function preloadBoot(also: readonly string[] = []): Plugin {
  let base = './';
  return {
    name: 'hmm-lab:preload-boot',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx): HtmlTagDescriptor[] {
        if (!ctx.bundle) return [];
        return bootChunks(ctx.bundle, also).map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${file}` },
          injectTo: 'head',
        }));
      },
    },
  };
}
