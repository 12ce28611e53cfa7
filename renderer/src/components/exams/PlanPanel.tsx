import type { Exam, ExamPlan } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { type Bar, BarChart } from '../charts/BarChart.tsx';
import { useDayLabel } from '../charts/dayLabel.ts';
import { NumbersTable } from '../NumbersTable.tsx';
import { useExamFormat } from './examFormat.ts';

/** The plan's verdict in one sentence: reaches the target, or what it reaches and what would. */
function Verdict({ plan, exam }: { plan: ExamPlan; exam: Exam }) {
  const t = useT();
  const x = t.exams;
  const fmt = useExamFormat();
  const reach = fmt.share(plan.expectedAtExam, plan.cards);
  let say: string;
  if (plan.reachesTarget) say = x.reaches;
  else if (plan.targetOutOfReach || plan.budgetToReach === null) say = x.outOfReach(reach);
  else
    say = x.shortOf(
      reach,
      exam.budgetKind === 'minutes'
        ? x.minutesPerDay(plan.budgetToReach)
        : x.reviewsPerDay(plan.budgetToReach),
    );
  return (
    <div className={`exam-verdict${plan.reachesTarget ? ' ok' : ' short'}`} data-testid="plan-verdict">
      <p className="exam-expected">{x.expected(reach, fmt.percent(plan.target))}</p>
      <p>{say}</p>
    </div>
  );
}

/**
 * The plan toward the exam: whether it reaches the target, the work per day (cards, new ones
 * in the second tone, and minutes) and the expected recall following it vs doing nothing, as
 * charts and, for screen readers and anyone who wants them, as tables.
 */
export function PlanPanel({ plan, exam }: { plan: ExamPlan; exam: Exam }) {
  const t = useT();
  const x = t.exams;
  const fmt = useExamFormat();
  const label = useDayLabel();
  const share = (n: number) => fmt.share(n, plan.cards);

  const workload: Bar[] = plan.days.map((d) => ({
    id: d.day,
    label: label(d.day),
    value: d.reviews + d.newCards,
    part: d.newCards,
    title: x.workloadBar(label(d.day), d.reviews, d.newCards, fmt.minutes(d.minutes)),
  }));
  const totalCards = workload.reduce((n, b) => n + b.value, 0);
  const totalMinutes = plan.days.reduce((n, d) => n + d.minutes, 0);
  // Recall as a percentage of the exam's cards, so the target can be drawn on the same scale.
  const pct = (n: number) => (plan.cards > 0 ? (n / plan.cards) * 100 : 0);
  const curve: Bar[] = plan.curve.map((c) => ({
    id: c.day,
    label: label(c.day),
    value: pct(c.plan),
    title: x.curveBar(label(c.day), share(c.plan), share(c.nothing)),
  }));

  return (
    <section className="panel" aria-labelledby="plan-heading" data-testid="exam-plan">
      <h2 id="plan-heading">{x.planTitle}</h2>
      <p className="muted small">{x.planIntro(fmt.count(plan.secondsPerAnswer))}</p>
      {plan.daysLeft === 0 ? <p>{x.examToday}</p> : <Verdict plan={plan} exam={exam} />}
      {plan.daysLeft > 0 && (
        <div className="exam-charts">
          <figure className="chart-panel">
            <figcaption>{x.workloadTitle}</figcaption>
            <BarChart
              bars={workload}
              tone="workload"
              summary={x.workloadSummary(totalCards, fmt.minutes(totalMinutes), plan.days.length)}
            />
            <ul className="chart-legend">
              <li className="legend-reviews">{x.legendReviews}</li>
              <li className="legend-new">{x.legendNew}</li>
            </ul>
          </figure>
          <figure className="chart-panel">
            <figcaption>{x.curveTitle}</figcaption>
            <BarChart
              bars={curve}
              tone="recall"
              lines={[{ id: 'nothing', values: plan.curve.map((c) => pct(c.nothing)) }]}
              rule={plan.target * 100}
              max={100}
              maxLabel={fmt.percent(1)}
              summary={x.curveSummary(
                share(plan.expectedAtExam),
                share(plan.expectedIfNothing),
                fmt.percent(plan.target),
              )}
            />
            <ul className="chart-legend">
              <li className="legend-plan">{x.legendPlan}</li>
              <li className="legend-nothing">{x.legendNothing}</li>
              <li className="legend-target">{x.legendTarget}</li>
            </ul>
          </figure>
        </div>
      )}
      {plan.daysLeft > 0 && (
        <details className="exam-numbers">
          <summary>{x.showNumbers}</summary>
          <div className="exam-numbers-tables">
            <NumbersTable
              testId="plan-table"
              caption={x.workloadTitle}
              columns={[
                { label: x.dayCol },
                { label: x.reviewsCol, num: true },
                { label: x.newCol, num: true },
                { label: x.minutesCol, num: true },
              ]}
              rows={plan.days.map((d) => ({
                key: d.day,
                head: label(d.day),
                cells: [d.reviews, d.newCards, fmt.minutes(d.minutes)],
              }))}
            />
            <NumbersTable
              caption={x.curveTitle}
              columns={[
                { label: x.dayCol },
                { label: x.planCol, num: true },
                { label: x.nothingCol, num: true },
              ]}
              rows={plan.curve.map((c) => ({
                key: c.day,
                head: label(c.day),
                cells: [share(c.plan), share(c.nothing)],
              }))}
            />
          </div>
        </details>
      )}
    </section>
  );
}
