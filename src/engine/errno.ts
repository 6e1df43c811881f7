/** Linux errno values the simulated kernel returns (negated, as the kernel does). */
export const ERRNO = {
  EPERM: 1,
  ENOENT: 2,
  EIO: 5,
  ENOMEM: 12,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  ENODEV: 19,
  EINVAL: 22,
  ENOSPC: 28,
  EOPNOTSUPP: 95,
  EHWPOISON: 133,
} as const;

export type ErrnoName = keyof typeof ERRNO;

const NAMES = new Map<number, ErrnoName>(
  (Object.entries(ERRNO) as [ErrnoName, number][]).map(([k, v]) => [v, k]),
);

/** `0` → "0", `-2` → "-ENOENT", unknown codes stay numeric. */
export function errnoName(code: number): string {
  if (code === 0) return '0';
  const name = NAMES.get(-code);
  return name ? `-${name}` : String(code);
}

export const ok = 0;
export const err = (name: ErrnoName): number => -ERRNO[name];
