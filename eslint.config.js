// Flat config, typed. Two layers:
//   1. the usual recommended rules for every TypeScript file (type-aware);
//   2. a fence around the pure core (src/engine, src/scenario, src/timeline), tests included:
//      no UI or host imports, no ambient globals (DOM, timers, clocks), no nondeterminism; and
//      the direction of the rest (the timeline imports neither side that speaks it, the store
//      reaches the worker through its client only, views never import the worker).
// Formatting is Prettier's job (npm run format:check), not ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The pure core. `src/scenarios` is listed too, in case the folder ends up plural. The timeline
 * is pure as well: the worker and the store both speak it.
 */
const PURE = ['src/engine/**', 'src/scenario/**', 'src/scenarios/**', 'src/timeline/**'];
const PURE_TS = PURE.map((dir) => `${dir}/*.ts`);

const PURE_WHY = 'the engine is pure: it runs unchanged in the Worker, in Node and in tests';
const TIME_WHY = 'the engine is pure: time is the step counter';

const restrictedGlobals = [
  ...['window', 'document', 'self', 'navigator', 'localStorage', 'sessionStorage', 'fetch'].map(
    (name) => ({ name, message: `${PURE_WHY}; the browser belongs to src/views and src/worker.` }),
  ),
  ...['setTimeout', 'setInterval', 'requestAnimationFrame', 'queueMicrotask'].map((name) => ({
    name,
    message: `${TIME_WHY}; playback timers live in src/worker.`,
  })),
  { name: 'performance', message: `${TIME_WHY}; measure from outside (bench/, the worker).` },
  {
    name: 'crypto',
    message: 'the engine is deterministic: use the seeded rng in src/engine/rng.ts.',
  },
  { name: 'process', message: `${PURE_WHY}; Node belongs to src/cli.` },
];

/**
 * Nothing from a scenario, a link or a file is ever interpreted as HTML or code (README,
 * "Security"): no HTML sinks, no string-to-code, no handler attributes. React and text nodes
 * only; the build's CSP (vite/csp.ts) refuses the rest at run time as well.
 */
const TEXT_WHY = 'scenario and link text must render as text (README, Security)';
const securityProperties = [
  ...['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'createContextualFragment', 'srcdoc'].map(
    (property) => ({ property, message: `${TEXT_WHY}: use textContent or React.` }),
  ),
  ...['write', 'writeln'].map((property) => ({
    object: 'document',
    property,
    message: `${TEXT_WHY}: no document.${property}.`,
  })),
];
const securitySyntax = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: `${TEXT_WHY}: no dangerouslySetInnerHTML.`,
  },
  {
    selector: "CallExpression[callee.property.name='html']",
    message: `${TEXT_WHY}: D3's .html() parses markup; use .text().`,
  },
  {
    selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^on/i]",
    message: `${TEXT_WHY}: no inline event handler attributes (the CSP refuses them too).`,
  },
];

/** Packages the pure core never imports (UI, state, drawing, Node). */
const pureOnly = [
  {
    group: ['react', 'react-*', 'react/**', 'react-*/**'],
    message: `${PURE_WHY}; React belongs to src/views.`,
  },
  {
    group: ['zustand', 'zustand/**'],
    message: `${PURE_WHY}; state for the UI lives in src/store, which reads engine snapshots.`,
  },
  {
    group: ['d3', 'd3-*', 'd3/**', 'd3-*/**'],
    message: `${PURE_WHY}; drawing belongs to src/views.`,
  },
  {
    group: ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads'],
    message: `${PURE_WHY}; Node's modules belong to src/cli.`,
  },
];

export default defineConfig([
  globalIgnores([
    'dist',
    'dist-*',
    'node_modules',
    'reports',
    'test-results',
    'playwright-report',
    '.scratch',
  ]),

  {
    files: ['**/*.js'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },

  {
    files: ['**/*.{ts,tsx}'],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat.recommended,
      reactRefresh.configs.vite,
    ],
    languageOptions: {
      parserOptions: {
        // One project per runtime (see tsconfig.base.json). The pure project comes first so
        // engine files are linted against it even when the app's program imports them.
        project: [
          './src/engine/tsconfig.json',
          './src/cli/tsconfig.json',
          './tsconfig.node.json',
          './tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // Text stays text, code stays code (with @typescript-eslint/no-implied-eval, which the
      // type-checked preset already turns on).
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-script-url': 'error',
      'no-restricted-properties': ['error', ...securityProperties],
      'no-restricted-syntax': ['error', ...securitySyntax],
    },
  },

  // Browser side: app, store, worker, views.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...PURE, 'src/cli/**', 'src/conformance/**'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Node side: config files, e2e, CLI, conformance runner.
  {
    files: ['*.ts', 'e2e/**/*.ts', 'src/cli/**/*.ts', 'src/conformance/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
  },

  // The fence (STYLE.md, "Why this shape" 1). Tests inside these folders follow it too.
  {
    files: PURE_TS,
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pureOnly,
            {
              group: ['**/store', '**/store/**', '**/views', '**/views/**'],
              allowTypeImports: true,
              message:
                'dependencies point inward: store and views import the engine, never the reverse.',
            },
            {
              group: ['**/worker', '**/worker/**'],
              allowTypeImports: true,
              message: 'dependencies point inward: the worker owns the engine, never the reverse.',
            },
            {
              group: ['**/cli', '**/cli/**'],
              allowTypeImports: true,
              message: 'dependencies point inward: the CLI drives the engine, never the reverse.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...restrictedGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'the engine is deterministic: use the seeded rng in src/engine/rng.ts.',
        },
        { object: 'Date', property: 'now', message: `${TIME_WHY}.` },
        { object: 'performance', property: 'now', message: `${TIME_WHY}.` },
        ...securityProperties,
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: `${TIME_WHY}: no new Date().` },
        { selector: "CallExpression[callee.name='Date']", message: `${TIME_WHY}: no Date().` },
        {
          selector: "MemberExpression[object.name='globalThis']",
          message: `${PURE_WHY}: no ambient globals through globalThis.`,
        },
        ...securitySyntax,
      ],
    },
  },

  // The timeline is the vocabulary the worker and the store share (src/timeline/README.md): it
  // imports neither of them, nor the views, not even a type.
  {
    files: ['src/timeline/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...pureOnly,
            {
              group: ['**/worker', '**/worker/**', '**/store', '**/store/**'],
              message:
                'the timeline is what the worker and the store say to each other: it imports neither.',
            },
            {
              group: ['**/views', '**/views/**', '**/cli', '**/cli/**'],
              message: 'dependencies point inward: views and the CLI import the timeline.',
            },
          ],
        },
      ],
    },
  },

  // Views (and the export and share code they use) read the store; only the store talks to the
  // worker, through its client. Their tests may drive a real host to get data.
  {
    files: ['src/views/**/*.{ts,tsx}', 'src/export/**/*.ts', 'src/share/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker', '**/worker/**'],
              message:
                'views read the store (src/store) and speak the timeline (src/timeline); only the store talks to the worker.',
            },
          ],
        },
      ],
    },
  },

  // The store talks to the worker through its client only, and never reads the views
  // (src/store/README.md). Its tests may drive a real host.
  {
    files: ['src/store/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker/*', '!**/worker/client'],
              message: 'the store talks to the worker through its client (src/worker/client.ts).',
            },
            {
              group: ['**/views', '**/views/**'],
              message: 'dependencies point inward: views read the store, never the reverse.',
            },
          ],
        },
      ],
    },
  },
]);
