import type { SearchRow, SortColumn } from '../../api/types.ts';
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
  sort: Sort | null;
  onSort(sort: Sort): void;
}

export interface Sort {
  column: SortColumn;
  descending: boolean;
}

/** Clicking a column sorts by it; clicking the sorted column again turns the order round. */
export function nextSort(current: Sort | null, column: SortColumn): Sort {
  return { column, descending: current?.column === column ? !current.descending : false };
}

/** A column header that sorts (the API sorts every matching card, then pages). */
function SortHeader({
  column,
  label,
  sort,
  onSort,
  numeric = false,
}: {
  column: SortColumn;
  label: string;
  sort: Sort | null;
  onSort(sort: Sort): void;
  numeric?: boolean;
}) {
  const active = sort?.column === column;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={direction}>
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${column}`}
        onClick={() => onSort(nextSort(sort, column))}
      >
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

/** The most telling state of a row: suspended / retired / leech win over the FSRS state. */
export function rowState(r: SearchRow, t: Dict): string {
  if (r.retired) return t.browse.states.retired;
  if (r.suspended) return t.browse.states.suspended;
  const base = t.browse.states[r.state];
  return r.leech ? `${base} · ${t.browse.states.leech}` : base;
}

export function ResultsTable({ rows, selected, openId, onToggle, onToggleAll, onOpen, sort, onSort }: Props) {
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
            {(['front', 'deck', 'state', 'due'] as const).map((column) => (
              <SortHeader key={column} column={column} label={c[column]} sort={sort} onSort={onSort} />
            ))}
            {(['stability', 'difficulty', 'retrievability', 'lapses'] as const).map((column) => (
              <SortHeader
                key={column}
                column={column}
                label={c[column]}
                sort={sort}
                onSort={onSort}
                numeric
              />
            ))}
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
                <td className="col-deck">
                  <span className="cell-clip" title={r.deckName}>
                    {r.deckName}
                  </span>
                </td>
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
                <td className="num">{r.lapses}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
