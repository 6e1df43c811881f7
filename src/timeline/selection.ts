/**
 * Which pages the views point at: a range of one buffer of one process, as the user selected
 * it (by dragging in the address space). A link carries it, the store keeps it, the actions act
 * on it.
 */
export interface RangeSelection {
  proc: string;
  buf: string;
  /** Page index in the buffer of the first selected page. */
  first: number;
  count: number;
}
