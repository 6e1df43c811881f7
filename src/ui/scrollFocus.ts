/**
 * A scrolling region must be reachable from the keyboard: while its content is taller (or
 * wider) than it, it is a tab stop (set on the element: React does not manage this attribute).
 */
export function focusableWhenScrolling(el: HTMLElement): void {
  const scrolls = el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  if (scrolls) el.setAttribute('tabindex', '0');
  else el.removeAttribute('tabindex');
}

/**
 * Keep `el` a tab stop exactly while it scrolls, reading its size where layout is already done:
 * in a ResizeObserver on it and on each of its children (content that grows grows a child).
 * Returns the cleanup.
 */
export function watchScrolling(el: HTMLElement): () => void {
  const ro = new ResizeObserver(() => focusableWhenScrolling(el));
  const observeChildren = (): void => {
    ro.observe(el);
    for (const c of el.children) ro.observe(c);
  };
  observeChildren();
  const mo = new MutationObserver(observeChildren);
  mo.observe(el, { childList: true });
  return () => {
    ro.disconnect();
    mo.disconnect();
  };
}
