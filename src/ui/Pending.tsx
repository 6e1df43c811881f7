/** An empty cell holding a view's place until its stage mounts (useMountStages): the grid keeps its shape. */
export function Pending() {
  return <div aria-hidden="true" className="min-h-0 flex-1 rounded-md border border-slate-800" />;
}
