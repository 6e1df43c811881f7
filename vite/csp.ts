/**
 * The Content Security Policy, as a `<meta http-equiv>` the build writes into index.html.
 *
 * Build only (`apply: 'build'`): the dev server injects inline scripts (React Refresh's preamble,
 * the HMR client) and connects to its own websocket, which this policy forbids.
 *
 * A meta policy, because the lab is a static site served from any host (a course page, a
 * GitHub Pages path, a USB stick): there is no server whose headers we control. What a meta
 * policy cannot carry (`frame-ancestors`, `report-uri`/`report-to`, `sandbox`) is left out on
 * purpose; `frame-ancestors` in particular must stay unset anyway, since `?embed` is made to be
 * framed by other sites.
 *
 * Every directive, and why:
 */
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  // Anything not listed below: the page's own origin only.
  'default-src': ["'self'"],
  // The built chunks only: no inline script, no eval / new Function / string timers.
  'script-src': ["'self'"],
  // The engine's worker is a built chunk (`new Worker(new URL(...), { type: 'module' })`).
  'worker-src': ["'self'"],
  // Stylesheets from the build, plus inline styles. 'unsafe-inline' for styles is the one
  // relaxation, and it cannot run code: CodeMirror (style-mod) and modern-screenshot insert
  // <style> elements and style attributes at run time, and a static meta policy cannot carry a
  // per-load nonce (CodeMirror's EditorView.cspNonce needs one the server makes fresh on every
  // response). React's style={{}} goes through the CSSOM, which CSP does not restrict.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Our images are made in the page: the favicon (`data:,`), exports rendered through an
  // <img> (modern-screenshot draws an SVG data: URL onto a canvas), previews of blobs.
  'img-src': ["'self'", 'data:', 'blob:'],
  // No web fonts are loaded; the system's fonts only. Data URLs in case a capture inlines one.
  'font-src': ["'self'", 'data:'],
  // The WebM preview plays a blob.
  'media-src': ["'self'", 'blob:'],
  // fetch / XHR / WebSocket / EventSource / sendBeacon: nowhere but the page's own origin
  // (the app itself makes none; the lazily loaded chunks are module imports from 'self').
  'connect-src': ["'self'"],
  // Frames: modern-screenshot's about:blank sandbox only (about:blank inherits the policy).
  'frame-src': ["'self'"],
  // No plugins, no <base> hijacking, no form posts anywhere.
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export function cspContent(directives = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * Writes the policy right after `<meta charset>` (which must stay first), before any script,
 * stylesheet or icon, so it governs everything the page loads.
 */
export function csp(): Plugin {
  return {
    name: 'hmm-lab:csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="UTF-8"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('vite/csp.ts: index.html has no <meta charset>.');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${cspContent()}" />`;
        return html.replace(charset, (m) => `${m}\n    ${meta}`);
      },
    },
  };
}
