import { allDecks } from '../core/decks/decks.ts';
import { type Mnemo, openMnemo } from '../core/index.ts';
import { parse, UsageError } from './args.ts';

export const EXAM_HELP = `Usage: mnemo exam add NAME --at WHEN (--minutes N | --reviews N) [--deck NAME]... [--tag TAG]... [--target P]
       mnemo exam list [--json]
       mnemo exam plan EXAM [--json]
       mnemo exam rm EXAM

An exam is a date to prepare for: the decks (with their subdecks) and/or tags it covers,
a target share of its cards to recall on the day, and a daily budget. Its plan says which
cards to study each day so that as many as possible are recalled at the exam; "Study for
EXAM" in the app offers today's part with the normal due cards. Cards keep their normal
scheduling: the plan never moves a due date. EXAM is an exam's id or its name.

  add NAME     a new exam
  list         the exams, soonest first, with days left and predicted recall at the exam
  plan EXAM    predicted recall now / at the exam, per deck; the plan day by day
  rm EXAM      delete an exam (its cards and their history stay)

Options:
  --at WHEN        the exam's date and time: 2026-12-20 09:00 (local time; the time defaults to 09:00)
  --deck NAME      a deck it covers (repeat for several; none = every deck)
  --tag TAG        a tag it covers (repeat; with --deck, only the deck's cards with one of the tags)
  --target P       share to recall on the day: 0.9 or 90% (default 90%)
  --minutes N      daily budget in minutes (timed from your own answers)
  --reviews N      daily budget in answers
  --json           print as JSON
  --data DIR       the data directory (default: $MNEMO_DATA_DIR or the platform's user data dir)
  -h, --help       show this help`;

/** Local date and time "YYYY-MM-DD[ HH:MM]", or any ISO 8601 time with its offset. */
export function parseWhen(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (m) {
    const [, y, mo, d, h = '9', mi = '0'] = m;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    if (
      date.getMonth() === Number(mo) - 1 &&
      date.getDate() === Number(d) &&
      Number(h) < 24 &&
      Number(mi) < 60
    )
      return date.getTime();
  } else if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text.trim())) {
    const t = Date.parse(text);
    if (Number.isFinite(t)) return t;
  }
  throw new UsageError(`--at: "${text}" is not a date and time (e.g. 2026-12-20 09:00)`);
}

function parseTarget(text: string): number {
  const percent = text.trim().endsWith('%');
  const n = Number(percent ? text.trim().slice(0, -1) : text);
  if (!Number.isFinite(n) || text.trim() === '') throw new UsageError(`--target: "${text}" is not a number`);
  return percent || n > 1 ? n / 100 : n;
}

export function findExam(mnemo: Mnemo, ref: string) {
  const exams = mnemo.api.exams.list();
  const byId = /^\d+$/.test(ref) ? exams.find((e) => e.id === Number(ref)) : undefined;
  const found = byId ?? exams.filter((e) => e.name === ref);
  if (!Array.isArray(found)) return found;
  if (found.length === 1) return found[0]!;
  if (found.length > 1)
    throw new UsageError(`several exams are named "${ref}": give its id (mnemo exam list)`);
  throw new UsageError(`no exam "${ref}" (mnemo exam list)`);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function daysLeftText(examAt: number, now: number): string {
  const days = Math.ceil((examAt - now) / 86_400_000);
  return examAt <= now ? 'past' : `in ${days} day${days === 1 ? '' : 's'}`;
}

export async function examCommand(
  argv: string[],
  dataDir: string | undefined,
  out: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      at: { type: 'string' },
      deck: { type: 'string', multiple: true },
      tag: { type: 'string', multiple: true },
      target: { type: 'string' },
      minutes: { type: 'string' },
      reviews: { type: 'string' },
      json: { type: 'boolean' },
    },
    true,
  );
  if (values.help) {
    out(EXAM_HELP);
    return 0;
  }
  const [action, ref, ...extra] = positionals;
  if (
    !['add', 'list', 'plan', 'rm'].includes(action ?? '') ||
    extra.length > 0 ||
    (action !== 'list') !== (ref !== undefined)
  )
    throw new UsageError(
      'expected "exam add NAME", "exam list", "exam plan EXAM" or "exam rm EXAM" (run "mnemo exam --help")',
    );
  const mnemo = openMnemo({
    dataDir: values.data ?? dataDir,
    readonly: action === 'list' || action === 'plan' ? 'if-not-writable' : false,
  });
  try {
    if (action === 'add') {
      if (!values.at) throw new UsageError('exam add: --at WHEN is required');
      if ((values.minutes === undefined) === (values.reviews === undefined))
        throw new UsageError('exam add: give the daily budget as --minutes N or --reviews N');
      const decks = allDecks(mnemo.col);
      const deckIds = (values.deck ?? []).map((name) => {
        const d = decks.find((x) => x.name === name);
        if (!d) throw new UsageError(`--deck: no deck "${name}"`);
        return d.id;
      });
      const budgetText = values.minutes ?? values.reviews!;
      const budget = Number(budgetText);
      if (budgetText.trim() === '' || !Number.isFinite(budget))
        throw new UsageError(`budget: "${budgetText}" is not a number`);
      const exam = mnemo.api.exams.create({
        name: ref!,
        examAt: parseWhen(values.at),
        deckIds,
        tags: values.tag ?? [],
        ...(values.target !== undefined ? { target: parseTarget(values.target) } : {}),
        budgetKind: values.minutes !== undefined ? 'minutes' : 'reviews',
        budget,
      });
      out(
        values.json
          ? JSON.stringify(exam, null, 2)
          : `Exam ${exam.id} "${exam.name}" added: ${new Date(exam.examAt).toLocaleString()}`,
      );
    } else if (action === 'rm') {
      const exam = findExam(mnemo, ref!);
      mnemo.api.exams.delete({ examId: exam.id });
      out(`Exam ${exam.id} "${exam.name}" deleted.`);
    } else if (action === 'list') {
      const now = mnemo.col.now();
      const rows = [];
      for (const e of mnemo.api.exams.list()) {
        const f = await mnemo.api.exams.forecast({ examId: e.id });
        rows.push({ ...e, cards: f.cards, recalledAtExam: f.recalledAtExam });
      }
      if (values.json) out(JSON.stringify(rows, null, 2));
      else if (rows.length === 0)
        out('No exams yet: add one with "mnemo exam add NAME --at WHEN --minutes N".');
      else
        for (const e of rows) {
          const share = e.cards ? e.recalledAtExam / e.cards : 0;
          out(
            `${e.id}  ${e.name}  ${new Date(e.examAt).toLocaleString()} (${daysLeftText(e.examAt, now)})  ${e.cards} cards, ${pct(share)} recalled at the exam if nothing more is studied (target ${pct(e.target)})`,
          );
        }
    } else {
      const exam = findExam(mnemo, ref!);
      const forecast = await mnemo.api.exams.forecast({ examId: exam.id });
      const plan = mnemo.api.exams.plan({ examId: exam.id });
      if (values.json) {
        out(JSON.stringify({ exam, forecast, plan }, null, 2));
        return 0;
      }
      printPlan(out, exam, forecast, plan);
    }
    return 0;
  } finally {
    mnemo.close();
  }
}

type Forecast = Awaited<ReturnType<Mnemo['api']['exams']['forecast']>>;
type Plan = ReturnType<Mnemo['api']['exams']['plan']>;

function printPlan(
  out: (s: string) => void,
  exam: { name: string; examAt: number; budget: number; budgetKind: string },
  f: Forecast,
  p: Plan,
) {
  const n = Math.max(1, f.cards);
  out(
    `${exam.name}: ${new Date(exam.examAt).toLocaleString()}, ${f.cards} cards (${f.studied} studied), target ${pct(f.target)}`,
  );
  out(`Recalled now: ${f.recalledNow.toFixed(1)} (${pct(f.recalledNow / n)})`);
  out(`At the exam, studying nothing more: ${f.recalledAtExam.toFixed(1)} (${pct(f.recalledAtExam / n)})`);
  out(`At the exam, following the plan:    ${p.expectedAtExam.toFixed(1)} (${pct(p.expectedAtExam / n)})`);
  if (p.reachesTarget) out('The plan reaches the target.');
  else if (p.targetOutOfReach)
    out('The target is out of reach before the exam, whatever the budget: the plan gets as close as it can.');
  else if (p.budgetToReach !== null)
    out(
      `At this budget the target is not reached: ${p.budgetToReach} ${exam.budgetKind === 'minutes' ? 'minutes' : 'answers'} a day would reach it.`,
    );
  out('');
  out('Per deck              cards   now      at exam (nothing more)');
  for (const d of f.decks)
    out(
      `  ${d.name.padEnd(20)} ${String(d.cards).padStart(5)}   ${pct(d.recalledNow / Math.max(1, d.cards)).padStart(6)}   ${pct(d.recalledAtExam / Math.max(1, d.cards)).padStart(6)}`,
    );
  out('');
  out(`Plan (${p.secondsPerAnswer.toFixed(1)} s per answer, ${p.answersPerDay.toFixed(0)} answers a day):`);
  out('  day          reviews   new   minutes');
  for (const d of p.days)
    out(
      `  ${d.day}   ${String(d.reviews).padStart(7)} ${String(d.newCards).padStart(5)}   ${d.minutes.toFixed(0).padStart(7)}`,
    );
  if (p.days.length === 0) out('  (the exam is today: use a weakest-first cram)');
}
