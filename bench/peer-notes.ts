/** The notes both sides of the peer comparison export (bench/export-bench.ts). */
export const peerFront = (i: number) => `Question ${i}: what is item ${i}?`;
export const peerBack = (i: number) => `Answer ${i}`;
