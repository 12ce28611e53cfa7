import type { ExamForecast } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { NumbersTable } from '../NumbersTable.tsx';
import { useExamFormat } from './examFormat.ts';

/**
 * Predicted recall: the expected number of the exam's cards recalled, and its share, now and
 * at the exam if nothing more is studied, for the exam and per deck.
 */
export function ForecastPanel({ forecast: f }: { forecast: ExamForecast }) {
  const t = useT();
  const x = t.exams;
  const fmt = useExamFormat();
  // The count and its share; on a phone the share goes under the count (see .exam-pct).
  const cell = (n: number, total: number) => (
    <>
      {fmt.count(n)} <span className="exam-pct">{x.pct(fmt.share(n, total))}</span>
    </>
  );
  return (
    <section className="panel" aria-labelledby="forecast-heading" data-testid="exam-forecast">
      <h2 id="forecast-heading">{x.forecastTitle}</h2>
      <p className="muted small">{x.forecastIntro}</p>
      <dl className="exam-figures">
        <div>
          <dt>{x.now}</dt>
          <dd data-testid="recall-now">
            {x.recalled(fmt.count(f.recalledNow), f.cards, fmt.share(f.recalledNow, f.cards))}
          </dd>
        </div>
        <div>
          <dt>{x.atExam}</dt>
          <dd data-testid="recall-at-exam">
            {x.recalled(fmt.count(f.recalledAtExam), f.cards, fmt.share(f.recalledAtExam, f.cards))}
          </dd>
        </div>
      </dl>
      <div className="table-scroll">
        <NumbersTable
          testId="forecast-table"
          columns={[
            { label: x.deckCol },
            { label: x.studiedCol, num: true },
            { label: x.nowCol, num: true },
            { label: x.atExamCol, num: true },
          ]}
          rows={f.decks.map((d) => ({
            key: d.deckId,
            head: d.name.split('::').join(' › '),
            cells: [
              `${d.studied} / ${d.cards}`,
              cell(d.recalledNow, d.cards),
              cell(d.recalledAtExam, d.cards),
            ],
          }))}
          foot={{
            key: 'total',
            head: x.totalRow,
            cells: [
              `${f.studied} / ${f.cards}`,
              cell(f.recalledNow, f.cards),
              cell(f.recalledAtExam, f.cards),
            ],
          }}
        />
      </div>
    </section>
  );
}
