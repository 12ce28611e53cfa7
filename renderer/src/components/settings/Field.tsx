import type { ReactNode } from 'react';

interface Props {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Receives the attributes that tie the control to its label, hint and error. */
  children(attrs: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }): ReactNode;
}

/** A labelled form control with its hint and, when saving failed, its error right next to it. */
export function Field({ id, label, hint, error, children }: Props) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': described || undefined })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

/** "learningSteps: steps are …; newPerDay: too big" → { learningSteps: 'steps are …', … }. */
export function fieldErrors(
  message: string,
  fields: readonly string[],
): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of message.split('; ')) {
    const m = /^([\w.]+): (.*)$/s.exec(part);
    const field = m?.[1]?.split('.')[0];
    if (m && field && fields.includes(field))
      byField[field] = byField[field] ? `${byField[field]}; ${m[2]}` : (m[2] ?? '');
    else rest.push(part);
  }
  return { byField, rest };
}
