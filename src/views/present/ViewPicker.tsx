/**
 * Which views a presentation (or an embed) shows: a checkbox per view, order kept. With `max`,
 * the unchecked views are disabled once that many are shown (the presenter's four).
 */
import { VIEW_IDS, VIEW_TITLES, type ViewId } from '../modes/mode';

export function ViewPicker({
  views,
  onChange,
  testId,
  max = VIEW_IDS.length,
}: {
  views: readonly ViewId[];
  onChange: (views: ViewId[]) => void;
  testId?: string;
  max?: number;
}) {
  return (
    <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid={testId}>
      <legend className="sr-only">Views to show</legend>
      {VIEW_IDS.map((id) => {
        const on = views.includes(id);
        return (
          <label key={id} className="flex items-center gap-1 text-sm">
            <input
              type="checkbox"
              checked={on}
              data-testid={`view-${id}`}
              // The last view cannot go: an empty presentation shows nothing.
              disabled={on ? views.length === 1 : views.length >= max}
              onChange={() =>
                onChange(
                  on
                    ? views.filter((v) => v !== id)
                    : VIEW_IDS.filter((v) => v === id || views.includes(v)),
                )
              }
            />
            {VIEW_TITLES[id]}
          </label>
        );
      })}
    </fieldset>
  );
}
