/**
 * The light / dark switch for the top bar: a toggle button ("light theme", pressed when the
 * light theme is on). The choice is remembered; until one is made the system's preference rules.
 */
import { setTheme, useTheme } from './theme';

export function ThemeToggle() {
  const theme = useTheme();
  const light = theme === 'light';
  return (
    <button
      type="button"
      data-testid="theme-toggle"
      data-theme-current={theme}
      aria-pressed={light}
      // A toggle named "light theme": the tooltip says the same, on or off, and what a press does.
      title={
        light
          ? 'Light theme: on (press for the dark theme)'
          : 'Light theme: off (press to turn it on)'
      }
      onClick={() => setTheme(light ? 'dark' : 'light')}
      className={`flex items-center gap-1 rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${
        light
          ? 'bg-sky-700 text-white hover:brightness-90'
          : 'bg-slate-700 text-slate-100 hover:bg-slate-600'
      }`}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        {light ? (
          <g fill="currentColor">
            <circle cx="8" cy="8" r="3.2" />
            <path d="M7.3 0h1.4v2.6H7.3zM7.3 13.4h1.4V16H7.3zM0 7.3h2.6v1.4H0zM13.4 7.3H16v1.4h-2.6zM2.2 3.2l1-1 1.8 1.8-1 1zM11 12l1-1 1.8 1.8-1 1zM2.2 12.8 4 11l1 1-1.8 1.8zM11 4l1.8-1.8 1 1L12 5z" />
          </g>
        ) : (
          <path fill="currentColor" d="M10.5 1.2A6.8 6.8 0 1 0 14.8 11 5.6 5.6 0 0 1 10.5 1.2z" />
        )}
      </svg>
      light theme
    </button>
  );
}
