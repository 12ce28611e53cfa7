/** Undoable bulk actions on cards (suspend, bury, flag), each one transaction. */
import { notFound } from '../errors.ts';
import type { CardRow } from '../model/types.ts';
import { nextStudyDayStart } from '../scheduler/day.ts';
import type { Collection } from '../store/collection.ts';

type Column = 'suspended' | 'buried_until' | 'flag';

function setColumn(
  col: Collection,
  action: string,
  cardIds: readonly number[],
  column: Column,
  value: number,
) {
  return col.tx(() => {
    const now = col.now();
    const rows = cardIds.map((id) => {
      const row = col.card(id);
      if (!row) throw notFound(`card ${id} does not exist`);
      return row;
    });
    const changed = rows.filter((r: CardRow) => r[column] !== value);
    const update = col.stmt(`UPDATE cards SET ${column} = ?, modified_at = ? WHERE id = ?`);
    for (const r of changed) update.run(value, now, r.id);
    if (changed.length > 0) {
      col.pushUndo(
        action,
        null,
        changed.map((r) => ({ table: 'cards', key: r.id, row: { ...r } })),
      );
    }
    return { changed: changed.length };
  });
}

export const suspendCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'suspend', ids, 'suspended', 1);
export const unsuspendCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'unsuspend', ids, 'suspended', 0);
export const flagCards = (col: Collection, ids: readonly number[], flag: number) =>
  setColumn(col, 'flag', ids, 'flag', flag);

/** Hides the cards until the next study day starts. */
export const buryCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'bury', ids, 'buried_until', nextStudyDayStart(col.now(), col.settings().dayStartHour));

export const unburyCards = (col: Collection, ids: readonly number[]) =>
  setColumn(col, 'unbury', ids, 'buried_until', 0);
