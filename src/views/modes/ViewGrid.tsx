/** Views in a grid that fills its space (presenter, embed). */
import { Pending } from '../../ui/Pending';
import { useMountStages } from '../../ui/useMountStages';
import type { ViewId } from './mode';
import { gridColumns, VIEWS } from './viewRegistry';

export function ViewGrid({ views, testId }: { views: readonly ViewId[]; testId?: string }) {
  const cols = Math.max(1, gridColumns(views.length));
  // The empty grid first, then a view per frame (useMountStages): six views rendered and laid
  // out at once were a task of 60-110 ms when a presenter or embed link is opened.
  const stage = useMountStages(views.length + 1);
  return (
    <div
      data-testid={testId}
      className="grid min-h-0 flex-1 gap-2"
      style={{
        gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
        gridAutoRows: 'minmax(0, 1fr)',
      }}
    >
      {views.map((id, i) => {
        const View = VIEWS[id];
        return (
          <div key={id} className="flex min-h-0 flex-col [&>section]:flex-1">
            {i + 1 < stage ? <View /> : <Pending />}
          </div>
        );
      })}
    </div>
  );
}
