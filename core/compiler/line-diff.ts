/**
 * Myers' O(ND) difference of two line sequences (E. Myers, "An O(ND) Difference Algorithm
 * and Its Variations", 1986): which old line each new line is, for a recompile that re-reads
 * only the cards around what changed (incremental.ts). D is the number of lines removed plus
 * added, small for an edit; past `maxD` it gives up and the file is read whole.
 */

/**
 * For each new line, the index of the old line it is (or -1 for a line added), on a shortest
 * edit script; null when more than `maxD` lines differ. `same(i, j)`: old line i = new line j.
 */
export function matchLines(
  oldCount: number,
  newCount: number,
  same: (i: number, j: number) => boolean,
  maxD: number,
): Int32Array | null {
  const max = Math.min(oldCount + newCount, maxD);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2)); // v[k] for k in -d-1 .. d+1, before this round
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < oldCount && y < newCount && same(x, y)) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= oldCount && y >= newCount) return backtrack(trace, oldCount, newCount);
    }
  }
  return null;
}

function backtrack(trace: Int32Array[], oldCount: number, newCount: number): Int32Array {
  const match = new Int32Array(newCount).fill(-1);
  let x = oldCount;
  let y = newCount;
  for (let d = trace.length - 1; d >= 0; d--) {
    const row = trace[d]!;
    const at = (k: number) => row[k + d + 1]!; // row holds k = -d-1 .. d+1
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      match[y] = x;
    }
    x = prevX;
    y = prevY;
  }
  return match;
}
