/**
 * A card's id can carry its note's guid, so a deck exported to Markdown and compiled into
 * another collection keeps every note's identity (Anki matches notes by guid, and so does
 * `mnemo import`). Mnemo's guids are UUIDs and are written as the id itself
 * (`^id-0190a1b2-…`); any other guid (Anki's contain `#`, `/`, `{`…) is written as
 * `g64-` and its UTF-8 in base64url. Ids of neither form (`^id-3fa9c2d1`) carry no guid.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENCODED = /^g64-([A-Za-z0-9_-]+)$/;

/** The id that carries `guid`. */
export function idForGuid(guid: string): string {
  return UUID.test(guid) ? guid : `g64-${Buffer.from(guid, 'utf8').toString('base64url')}`;
}

/** The guid an id carries, or null for an ordinary id. */
export function guidFromId(id: string): string | null {
  if (UUID.test(id)) return id;
  const m = ENCODED.exec(id);
  if (!m) return null;
  const guid = Buffer.from(m[1]!, 'base64url').toString('utf8');
  // Only the exact encoding of some text counts; anything else is an ordinary id.
  const printable = [...guid].every((ch) => ch >= ' ' && ch !== '\ufffd');
  const canonical = guid !== '' && printable && idForGuid(guid) === id;
  return canonical ? guid : null;
}
