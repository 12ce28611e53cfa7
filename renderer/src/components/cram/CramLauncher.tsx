import { useState } from 'react';
import type { CramKind } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';
import { useNavigate } from '../../app/route.tsx';
import { useT } from '../../i18n/index.tsx';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Field } from '../settings/Field.tsx';

const KINDS: CramKind[] = ['weakest', 'forgotten', 'ahead', 'preview'];
/** Which kinds answer through the normal path (the API says so too, in cram.start's answer). */
const RESCHEDULES: Record<CramKind, boolean> = {
  weakest: true,
  forgotten: true,
  ahead: true,
  preview: false,
};
const LIMIT = { min: 1, max: 10_000 };
const DAYS = { min: 1, max: 365 };

function whole(text: string, range: { min: number; max: number }): number | null {
  const n = Number(text.trim());
  return /^\d+$/.test(text.trim()) && n >= range.min && n <= range.max ? n : null;
}

/**
 * Starts a cram session over an exam's cards or a deck (or all decks): the kind, how many
 * cards, and for "forgotten" and "ahead" how many days. Says for each kind whether answering
 * changes the cards' scheduling.
 */
export function CramLauncher({ examId, deckId }: { examId?: number; deckId?: number }) {
  const t = useT();
  const c = t.cram;
  const call = useApi();
  const navigate = useNavigate();
  const [kind, setKind] = useState<CramKind>('weakest');
  const [limit, setLimit] = useState('20');
  const [days, setDays] = useState('7');
  const [errors, setErrors] = useState<{ limit?: string; days?: string }>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const withDays = kind === 'forgotten' || kind === 'ahead';

  const start = async () => {
    const n = whole(limit, LIMIT);
    const d = withDays ? whole(days, DAYS) : 7;
    const problems = {
      ...(n === null ? { limit: c.whole(LIMIT.min, LIMIT.max) } : {}),
      ...(d === null ? { days: c.whole(DAYS.min, DAYS.max) } : {}),
    };
    setErrors(problems);
    setNotice(null);
    setFailure(null);
    if (n === null || d === null) return;
    setStarting(true);
    try {
      // A new order for every preview; the other kinds do not use the seed.
      const seed = Math.floor(Math.random() * 2 ** 31);
      const run = await call('cram.start', { kind, examId, deckId, limit: n, days: d, seed });
      if (run.cardIds.length === 0) {
        setNotice(c.empty);
        setStarting(false);
        return;
      }
      navigate({ screen: 'cram', run: { ...run, examId, deckId } });
    } catch (e) {
      setFailure(e);
      setStarting(false);
    }
  };

  return (
    <form
      className="cram-launcher"
      noValidate
      data-testid="cram-launcher"
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <fieldset className="cram-kinds">
        <legend>{c.kind}</legend>
        {KINDS.map((k) => (
          <label key={k} className="cram-kind">
            <input
              type="radio"
              className="cram-kind-radio"
              name="cram-kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              aria-describedby={`cram-help-${k}`}
            />
            <span>
              <strong>{c.kinds[k]}</strong>
              <small id={`cram-help-${k}`} className="muted">
                {c.kindHelp[k]} {RESCHEDULES[k] ? c.reschedules : c.noReschedule}
              </small>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="cram-numbers">
        <Field id="cram-limit" label={c.limit} error={errors.limit}>
          {(attrs) => (
            <input
              {...attrs}
              type="text"
              inputMode="numeric"
              className="input-short"
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />
          )}
        </Field>
        {withDays && (
          <Field
            id="cram-days"
            label={kind === 'forgotten' ? c.daysForgotten : c.daysAhead}
            error={errors.days}
          >
            {(attrs) => (
              <input
                {...attrs}
                type="text"
                inputMode="numeric"
                className="input-short"
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
        )}
      </div>
      <p
        className={`cram-effect${RESCHEDULES[kind] ? '' : ' preview'}`}
        aria-live="polite"
        data-testid="cram-effect"
      >
        {RESCHEDULES[kind] ? c.reschedules : c.noReschedule}
      </p>
      {failure ? <ErrorMessage error={failure} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={starting}>
          {starting ? c.starting : c.start}
        </button>
        <span className="notice" aria-live="polite">
          {notice}
        </span>
      </div>
    </form>
  );
}
