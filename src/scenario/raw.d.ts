/** Vite's `?raw` imports (used by a test to compare README.md's example with examples.ts). */
declare module '*.md?raw' {
  const text: string;
  export default text;
}
