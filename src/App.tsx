import { SelfCheck } from './selfcheck/SelfCheck';

export function App() {
  return (
    <main
      data-testid="app"
      className="min-h-screen bg-slate-950 px-6 py-16 text-slate-100 antialiased"
    >
      <div className="mx-auto max-w-2xl">
        <h1 className="text-4xl font-semibold tracking-tight">HMM Lab</h1>
        <p className="mt-2 text-lg text-slate-300">Linux HMM page migration, step by step</p>
        <p className="mt-10 border-l-2 border-sky-500 pl-4 text-sm text-slate-400">
          The lab UI — page tables, device memory and <code>struct page</code> refcounts — arrives
          with the next milestone.
        </p>
        <SelfCheck />
      </div>
    </main>
  );
}
