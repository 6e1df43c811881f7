import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { csp } from './vite/csp.ts';
import { preloadBoot } from './vite/preloadBoot.ts';

export default defineConfig({
  // Relative asset URLs: the build runs from any static host path (an embed on a course site).
  base: './',
  // csp(): the Content Security Policy meta, in the build only (vite/csp.ts).
  // preloadBoot(): modulepreload links for the chunks main.tsx imports (vite/preloadBoot.ts).
  plugins: [react(), tailwindcss(), csp(), preloadBoot(['/src/boot/App.tsx'])],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
