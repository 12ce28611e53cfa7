import { ApiError } from '../client/index.ts';
import { useT } from '../i18n/index.tsx';

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
  const type = error instanceof ApiError ? error.type : null;
  const banner: Record<string, string> = {
    Unauthorized: t.common.unauthorized,
    DiskFull: answer ? t.common.diskFullAnswer : t.common.diskFull,
    Busy: t.common.busy,
    ReadOnly: t.common.readOnly,
    Corrupt: t.common.corrupt,
  };
  const message =
    (type && banner[type]) ?? t.common.error(error instanceof Error ? error.message : String(error));
  return (
    <div className={type && banner[type] ? 'error error-banner' : 'error'} role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
