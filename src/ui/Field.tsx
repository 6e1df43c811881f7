/** The lab's small form controls, styled once. */
import type { ReactNode } from 'react';

export function TextInput({
  label,
  value,
  onChange,
  testId,
  width = 'w-14',
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  width?: string;
}) {
  return (
    <input
      aria-label={label}
      data-testid={testId}
      className={`${width} rounded bg-slate-800 px-1 font-mono`}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function Choice<T extends string>({
  label,
  value,
  onChange,
  testId,
  children,
  disabled,
  title,
}: {
  label: string;
  value: T;
  onChange: (v: T) => void;
  testId?: string;
  children: ReactNode;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      className="rounded bg-slate-800"
      value={value}
      disabled={disabled}
      title={title}
      onChange={(e) => onChange(e.target.value as T)}
    >
      {children}
    </select>
  );
}
