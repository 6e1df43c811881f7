import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { csp } from './vite/csp.ts';
import { preloadBoot } from './vite/preloadBoot.ts';

/**
 * Every dependency the app loads, at start or later (the editor, the exporters). The dev server
 * pre-bundles them all before the first page asks for one: a dependency found late (the worker's,
 * or a lazily loaded one) means a second bundling, and a full reload of a page half loaded.
 */
const DEPENDENCIES = [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'zustand',
  'zustand/vanilla',
  'comlink',
  'd3',
  'fflate',
  'valibot',
  'fastest-levenshtein',
  '@codemirror/autocomplete',
  '@codemirror/commands',
  '@codemirror/language',
  '@codemirror/lint',
  '@codemirror/state',
  '@codemirror/view',
  '@lezer/highlight',
  'modern-screenshot',
  'gifenc',
  'mediabunny',
];

export default defineConfig({
  // Relative asset URLs: the build runs from any static host path (an embed on a course site).
  base: './',
  // csp(): the Content Security Policy meta, in the build only (vite/csp.ts).
  // preloadBoot(): modulepreload links for the chunks main.tsx imports (vite/preloadBoot.ts).
  plugins: [react(), tailwindcss(), csp(), preloadBoot(['/src/boot/App.tsx'])],
  worker: { format: 'es' },
  // `npm start`: the first view without waiting on discoveries (docs/benchmarks.md, "First view").
  optimizeDeps: {
    // What the dependency scanner crawls: the page, and the workers, which it cannot reach from
    // the page (they are started by URL).
    entries: ['index.html', 'src/worker/**/*.worker.ts'],
    include: DEPENDENCIES,
    // Every dependency is known before the first request: nothing to hold the page for.
    holdUntilCrawlEnd: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // Transformed while the browser opens: the entry, the boot chunks and the engine's worker
    // (with what they import), so the page's first requests find them ready.
    warmup: {
      clientFiles: [
        './src/main.tsx',
        './src/boot/start.tsx',
        './src/boot/App.tsx',
        './src/worker/host.worker.ts',
      ],
    },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
