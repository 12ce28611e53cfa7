import type { SearchRow } from '../../api/types.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../i18n/format.ts';
import { type Dict, useLang, useT } from '../../i18n/index.tsx';
import { plainText } from '../../markdown/plain.ts';

interface Props {
  rows: SearchRow[];
  selected: ReadonlySet<number>;
  openId: number | null;
  onToggle(id: number): void;
  onToggleAll(select: boolean): void;
  onOpen(id: number): void;
}

/** The most telling state of a row: suspended / retired / leech win over the FSRS state. */
export function rowState(r: SearchRow, t: Dict): string {
  if (r.retired) return t.browse.states.retired;
  if (r.suspended) return t.browse.states.suspended;
  const base = t.browse.states[r.state];
  return r.leech ? `${base} · ${t.browse.states.leech}` : base;
}

export function ResultsTable({ rows, selected, openId, onToggle, onToggleAll, onOpen }: Props) {
  const t = useT();
  const lang = useLang();
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const c = t.browse.columns;
  return (
    <div className="table-scroll">
      <table className="results">
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                aria-label={t.browse.selectAll}
                checked={allSelected}
                onChange={(e) => onToggleAll(e.target.checked)}
              />
            </th>
            <th scope="col">{c.front}</th>
            <th scope="col">{c.deck}</th>
            <th scope="col">{c.state}</th>
            <th scope="col">{c.due}</th>
            <th scope="col" className="num">
              {c.stability}
            </th>
            <th scope="col" className="num">
              {c.difficulty}
            </th>
            <th scope="col" className="num">
              {c.retrievability}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const front = plainText(r.front);
            return (
              <tr
                key={r.id}
                data-testid="browse-row"
                data-card-id={r.id}
                className={`${openId === r.id ? 'open' : ''}${r.flag ? ` row-flag-${r.flag}` : ''}`}
                onClick={(e) => {
                  if (!(e.target instanceof HTMLInputElement)) onOpen(r.id);
                }}
              >
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={t.browse.selectCard(front)}
                    checked={selected.has(r.id)}
                    onChange={() => onToggle(r.id)}
                  />
                </td>
                <td className="col-front">
                  <button
                    type="button"
                    className="linklike"
                    aria-label={t.browse.openCard(front)}
                    aria-expanded={openId === r.id}
                    onClick={(e) => {
                      e.stopPropagation();
                      onOpen(r.id);
                    }}
                  >
                    {front}
                  </button>
                </td>
                <td className="col-deck">{r.deckName}</td>
                <td>{rowState(r, t)}</td>
                <td>
                  {r.state === 'new'
                    ? t.common.none
                    : r.state === 'review'
                      ? formatDate(r.due, lang)
                      : formatDateTime(r.due, lang)}
                </td>
                <td className="num">{r.state === 'new' ? t.common.none : t.browse.days(r.stability)}</td>
                <td className="num">
                  {r.state === 'new' ? t.common.none : formatNumber(r.difficulty, lang, 1)}
                </td>
                <td className="num">
                  {r.retrievability === null ? t.common.none : formatPercent(r.retrievability, lang)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
