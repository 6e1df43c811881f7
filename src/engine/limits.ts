/**
 * Declared limits. Everything a scenario, a link or a click can ask for is checked against
 * these before anything runs, and an error names the limit it hit.
 */
export const LIMITS = {
  /** 16 GiB of system RAM in 4 KiB frames. */
  ramPages: 4 * 1024 * 1024,
  /** 16 GiB of memory per device. */
  devicePages: 4 * 1024 * 1024,
  devices: 8,
  processes: 64,
  /** Mirrors open at once, over all processes and devices. */
  mirrors: 64,
  /** One mapping: 16 GiB. */
  mmapPages: 4 * 1024 * 1024,
  /** Buffers (named mappings) per process. */
  buffers: 256,
  /** Commands in one scenario. */
  commands: 100_000,
  /** Scenario text, in characters. */
  textLength: 4 * 1024 * 1024,
  /**
   * A lecturer's note, in characters: two or three sentences, about four lines of the
   * presenter's caption at 1920 pixels (more is a page of text, which nobody reads from the
   * back row while the machine moves).
   */
  noteLength: 400,
  /** Notes under one command: one callout at that operation, not a lecture. */
  notes: 4,
  /**
   * A link's fragment, in characters, checked before it is decoded. 64 KiB holds every preset
   * many times over (the largest, the storyboard with its notes, is about 1,800 characters)
   * and, deflated, tens of thousands of commands; a longer scenario is shared as a file. Well
   * under the URL lengths browsers, chat apps and mail clients pass on intact.
   */
  linkLength: 64 * 1024,
} as const;

export type LimitName = keyof typeof LIMITS;

/** The text of an error for a value over a limit, naming the limit. */
export function overLimit(what: string, value: number, limit: LimitName): string {
  return `${what} ${value} is over the limit ${limit} = ${LIMITS[limit]}`;
}

// ---- whole numbers bounded by a limit ----------------------------------------------------

/** A whole number with a range. Over `max`, a spec with a `limit` names the limit it hit. */
export interface NumberSpec {
  what: string;
  min: number;
  max: number;
  limit?: { name: LimitName; noun: string };
}

export const RAM_PAGES: NumberSpec = {
  what: 'a RAM size in pages',
  min: 1,
  max: LIMITS.ramPages,
  limit: { name: 'ramPages', noun: 'RAM size' },
};
export const DEVICE_PAGES: NumberSpec = {
  what: 'a device size in pages',
  min: 1,
  max: LIMITS.devicePages,
  limit: { name: 'devicePages', noun: 'device size' },
};
export const MMAP_PAGES: NumberSpec = {
  what: 'a page count',
  min: 1,
  max: LIMITS.mmapPages,
  limit: { name: 'mmapPages', noun: 'mapping size' },
};
export const RANGE_PAGES: NumberSpec = {
  what: 'a page count',
  min: 0,
  max: LIMITS.mmapPages,
  limit: { name: 'mmapPages', noun: 'range size' },
};
/** The count of a `buf[a..b]` range. */
export const RANGE_COUNT: NumberSpec = {
  what: 'a page count',
  min: 1,
  max: LIMITS.mmapPages,
  limit: { name: 'mmapPages', noun: 'range size' },
};
export const RECLAIM_PAGES: NumberSpec = {
  what: 'a page count',
  min: 1,
  max: LIMITS.ramPages,
  limit: { name: 'ramPages', noun: 'reclaim size' },
};
export const PAGE_INDEX: NumberSpec = { what: 'a page index', min: 0, max: LIMITS.mmapPages - 1 };
