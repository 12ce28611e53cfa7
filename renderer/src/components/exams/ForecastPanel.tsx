import type { ExamForecast } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
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
        <table className="exam-table" data-testid="forecast-table">
          <thead>
            <tr>
              <th scope="col">{x.deckCol}</th>
              <th scope="col" className="num">
                {x.studiedCol}
              </th>
              <th scope="col" className="num">
                {x.nowCol}
              </th>
              <th scope="col" className="num">
                {x.atExamCol}
              </th>
            </tr>
          </thead>
          <tbody>
            {f.decks.map((d) => (
              <tr key={d.deckId}>
                <th scope="row">{d.name.split('::').join(' › ')}</th>
                <td className="num">
                  {d.studied} / {d.cards}
                </td>
                <td className="num">{cell(d.recalledNow, d.cards)}</td>
                <td className="num">{cell(d.recalledAtExam, d.cards)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{x.totalRow}</th>
              <td className="num">
                {f.studied} / {f.cards}
              </td>
              <td className="num">{cell(f.recalledNow, f.cards)}</td>
              <td className="num">{cell(f.recalledAtExam, f.cards)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
