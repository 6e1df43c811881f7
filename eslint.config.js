// Flat config, typed. Three layers:
//   1. the usual recommended rules for every TypeScript file (type-aware);
//   2. a fence around the pure core (src/engine, src/scenario, src/timeline), tests included:
//      no UI, state, drawing or Node packages, no ambient globals (DOM, timers, clocks), no
//      nondeterminism;
//   3. a fence around every room of src/ (src/rooms.json): the rooms it may not import, each
//      with what to use instead; views, export, store and share see only the engine's (and the
//      store's) public modules.
// Formatting is Prettier's job (npm run format:check), not ESLint's.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import reactRefresh from 'eslint-plugin-react-refresh';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The pure core: the rooms that run unchanged in the Worker, in Node and in tests. */
const PURE_ROOMS = ['engine', 'scenario', 'timeline'];
const PURE = PURE_ROOMS.map((room) => `src/${room}/**`);
const PURE_TS = PURE.map((dir) => `${dir}/*.ts`);

const PURE_WHY = 'the engine is pure: it runs unchanged in the Worker, in Node and in tests';
const TIME_WHY = 'the engine is pure: time is the step counter';
const DETERMINISTIC_WHY =
  'the engine is deterministic: no randomness inside it (property tests and the fuzzers draw their inputs outside, from a seed)';

const restrictedGlobals = [
  ...['window', 'document', 'self', 'navigator', 'localStorage', 'sessionStorage', 'fetch'].map(
    (name) => ({
      name,
      message: `${PURE_WHY}; the browser belongs to src/views, src/ui and src/worker.`,
    }),
  ),
  ...['setTimeout', 'setInterval', 'requestAnimationFrame', 'queueMicrotask'].map((name) => ({
    name,
    message: `${TIME_WHY}; timers live in src/store (its effects) and src/ui.`,
  })),
  { name: 'performance', message: `${TIME_WHY}; measure from outside (bench/, the worker).` },
  {
    name: 'crypto',
    message: `${DETERMINISTIC_WHY}.`,
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

/**
 * The rooms of src/ in layer order and what each may import (src/rooms.json, which
 * src/cli/rooms.test.ts also holds the import graph to; src/README.md explains each room).
 */
const {
  rooms: ROOMS,
  allowed: ALLOWED,
  instead: INSTEAD,
  enginePublic: ENGINE_PUBLIC,
  storePublic: STORE_PUBLIC,
  publicOnly: PUBLIC_ONLY,
} = JSON.parse(readFileSync(new URL('./src/rooms.json', import.meta.url), 'utf8'));

function roomFences() {
  return ROOMS.map((name) => {
    const forbidden = ROOMS.filter((r) => r !== name && !ALLOWED[name].includes(r));
    const patterns = forbidden.map((r) => ({
      group: [`**/${r}`, `**/${r}/**`],
      message: `${name} may not import ${r}: ${INSTEAD[r]}.`,
    }));
    if (name === 'store')
      patterns.push({
        regex: '(^|/)worker/(?!client$)',
        message: `the store talks to the worker through its client (src/worker/client.ts) only.`,
      });
    if (PUBLIC_ONLY.includes(name) && name !== 'store' && ALLOWED[name].includes('store'))
      patterns.push({
        regex: `(^|/)store/(?!(${STORE_PUBLIC.join('|')})$)`,
        message: `read the store through store/react (useLab, useLabStore), store/selectors and store/types; its slices and effects are its own.`,
      });
    if (PUBLIC_ONLY.includes(name))
      patterns.push({
        regex: `(^|/)engine/(?!(${ENGINE_PUBLIC.join('|')})$)`,
        message: `use the engine's public modules (src/engine/README.md: commands, snapshot, limits, errno, trace, cost, mm/pte, mem/frames, driver/encoding, runs, testing/faults); its internals are the worker's.`,
      });
    return {
      files: [`src/${name}/**/*.{ts,tsx}`],
      // Tests may reach further (a real engine or host to get data; engine tests read values
      // with the scenario's helpers); the pure core's own fence still holds for them.
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: [...(PURE_ROOMS.includes(name) ? pureOnly : []), ...patterns] },
        ],
      },
    };
  });
}

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

  // The pure core's fence (src/engine/README.md): no UI, state, drawing or Node packages, no
  // ambient globals, clocks or randomness. Tests inside these folders follow it too.
  {
    files: PURE_TS,
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: pureOnly,
        },
      ],
      'no-restricted-globals': ['error', ...restrictedGlobals],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: `${DETERMINISTIC_WHY}.`,
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

  // Every room's fence (src/README.md): what it may not import, and what to use instead.
  ...roomFences(),
]);
