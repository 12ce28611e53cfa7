import { useState } from 'react';
import { useApi } from '../../app/api.tsx';
import { useLoad } from '../../app/useLoad.ts';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
} from '../../i18n/format.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { EditCardDialog } from '../edit/EditCardDialog.tsx';
import { Markdown } from '../Markdown.tsx';
import { FlagMark } from '../review/FlagMark.tsx';
import { ReviewLog } from './ReviewLog.tsx';

/** One card in full: both sides rendered, its FSRS numbers and its review history. */
export function CardDetails({
  cardId,
  version,
  onClose,
  onChanged,
}: {
  cardId: number;
  version: number;
  onClose(): void;
  /** The card was edited: the caller reloads what shows it (this panel follows `version`). */
  onChanged?(): void;
}) {
  const t = useT();
  const lang = useLang();
  const call = useApi();
  const details = useLoad(() => call('cards.get', { cardId }), [call, cardId, version]);
  const d = details.data;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const isNew = d?.card.fsrs.state === 'new';

  return (
    <section className="panel card-details" aria-labelledby="details-heading">
      <div className="section-head">
        <h2 id="details-heading">{t.card.title}</h2>
        <div className="card-details-actions">
          <button type="button" className="btn" disabled={!d} onClick={() => setEditing(true)}>
            {t.edit.edit}
          </button>
          <button type="button" className="btn btn-quiet" onClick={onClose}>
            {t.common.close}
          </button>
        </div>
      </div>
      <p className="notice" aria-live="polite">
        {notice}
      </p>
      {editing && (
        <EditCardDialog
          cardId={cardId}
          onClose={() => setEditing(false)}
          onSaved={(message) => {
            setEditing(false);
            setNotice(message);
            onChanged?.();
          }}
        />
      )}
      {details.error ? <ErrorMessage error={details.error} onRetry={details.reload} /> : null}
      {d && d.card.id === cardId && (
        <>
          <p className="card-head">
            <span className="card-deck">{d.card.deckName.split('::').join(' › ')}</span>
            {d.card.context && <span className="card-context">{d.card.context}</span>}
            <FlagMark flag={d.card.flag} />
          </p>
          <h3>{t.card.front}</h3>
          <Markdown source={d.card.front} className="card-side" />
          <h3>{t.card.back}</h3>
          <Markdown source={d.card.back} className="card-side" />
          <h3>{t.card.fsrs}</h3>
          <dl className="stats-list">
            <dt>{t.card.state}</dt>
            <dd>
              {t.browse.states[d.card.fsrs.state]}
              {d.card.suspended && ` · ${t.card.suspended}`}
              {d.card.buried && ` · ${t.card.buried}`}
              {d.card.leech && ` · ${t.card.leech}`}
              {d.card.retired && ` · ${t.card.retired}`}
            </dd>
            <dt>{t.card.due}</dt>
            <dd>{d.card.fsrs.state === 'new' ? t.common.none : formatDateTime(d.card.fsrs.due, lang)}</dd>
            {/* A new card has no memory yet: "—", as the table shows it, not 0.0 d / 0.00. */}
            <dt>{t.card.stability}</dt>
            <dd>{isNew ? t.common.none : t.browse.days(d.card.fsrs.stability)}</dd>
            <dt>{t.card.difficulty}</dt>
            <dd>{isNew ? t.common.none : formatNumber(d.card.fsrs.difficulty, lang, 2)}</dd>
            <dt>{t.card.retrievability}</dt>
            <dd>{d.retrievability === null ? t.common.none : formatPercent(d.retrievability, lang)}</dd>
            <dt>{t.card.reps}</dt>
            <dd>{d.card.fsrs.reps}</dd>
            <dt>{t.card.lapses}</dt>
            <dd>{d.card.fsrs.lapses}</dd>
            <dt>{t.card.lastReview}</dt>
            <dd>
              {d.card.fsrs.lastReview === null ? t.common.none : formatDate(d.card.fsrs.lastReview, lang)}
            </dd>
            <dt>{t.card.tags}</dt>
            <dd>{d.card.tags.length ? d.card.tags.join(', ') : t.common.none}</dd>
            <dt>{t.card.source}</dt>
            <dd>
              {d.card.sourceFile ? (
                <code>
                  {d.card.sourceFile}
                  {d.card.sourceLine != null ? `:${d.card.sourceLine}` : ''}
                </code>
              ) : (
                t.common.none
              )}
            </dd>
          </dl>
          <h3>{t.card.history}</h3>
          {d.log.length === 0 ? (
            <p className="muted">{t.card.noHistory}</p>
          ) : (
            <ReviewLog log={d.log} formatDuration={(ms) => formatDuration(ms, lang)} />
          )}
        </>
      )}
    </section>
  );
}
