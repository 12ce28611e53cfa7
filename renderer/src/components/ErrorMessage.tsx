import { ApiError } from '../client/index.ts';
import { type Dict, useT } from '../i18n/index.tsx';

/**
 * What to say about a failed call in the user's language: storage failures (disk full, a
 * read-only folder, another program holding the collection, a damaged file) by their
 * translated banner, null for anything else (the caller decides).
 */
export function storageText(error: unknown, t: Dict, answer = false): string | null {
  const type = error instanceof ApiError ? error.type : null;
  const banner: Record<string, string> = {
    Unauthorized: t.common.unauthorized,
    DiskFull: answer ? t.common.diskFullAnswer : t.common.diskFull,
    Busy: t.common.busy,
    ReadOnly: t.common.readOnly,
    Corrupt: t.common.corrupt,
  };
  return (type && banner[type]) ?? null;
}

/**
 * An error from a call (or a crash), readable, announced to screen readers. Storage failures
 * (disk full, read-only folder, another program holding the collection, a damaged file) get
 * a banner in the user's language that says nothing was saved and what to do.
 */
export function ErrorMessage({
  error,
  onRetry,
  answer = false,
}: {
  error: unknown;
  onRetry?: () => void;
  /** The failed call was an answer: say the answer (not just "a change") was not saved. */
  answer?: boolean;
}) {
  const t = useT();
  const banner = storageText(error, t, answer);
  const message = banner ?? t.common.error(error instanceof Error ? error.message : String(error));
  return (
    <div className={banner ? 'error error-banner' : 'error'} role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
