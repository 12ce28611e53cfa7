import { ApiError } from '../client/index.ts';
import { useT } from '../i18n/index.tsx';

/** An error from a call (or a crash), readable, announced to screen readers. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message =
    error instanceof ApiError && error.type === 'Unauthorized'
      ? t.common.unauthorized
      : t.common.error(error instanceof Error ? error.message : String(error));
  return (
    <div className="error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t.common.retry}
        </button>
      )}
    </div>
  );
}
