/** Views in a grid that fills its space (presenter, embed). */
import type { ViewId } from './mode';
import { gridColumns, VIEWS } from './viewRegistry';

export function ViewGrid({
  views,
  zoom = 1,
  testId,
}: {
  views: readonly ViewId[];
  zoom?: number;
  testId?: string;
}) {
  const cols = Math.max(1, gridColumns(views.length));
  return (
    <div
      data-testid={testId}
      className="grid min-h-0 flex-1 gap-2"
      style={{
        gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
        gridAutoRows: 'minmax(0, 1fr)',
        zoom,
      }}
    >
      {views.map((id) => {
        const View = VIEWS[id];
        return (
          <div key={id} className="flex min-h-0 flex-col [&>section]:flex-1">
            <View />
          </div>
        );
      })}
    </div>
  );
}
