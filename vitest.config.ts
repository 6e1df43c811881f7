import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      // Node, not a DOM: engine and worker code must run without a browser.
      environment: 'node',
      // Only unit tests: Playwright specs in e2e/ must not be collected here.
      include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'vite/**/*.test.ts'],
      pool: 'threads',
      passWithNoTests: true,
    },
  }),
);
