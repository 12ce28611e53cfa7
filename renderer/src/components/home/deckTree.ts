import type { DeckInfo } from '../../api/types.ts';

export interface DeckNode {
  deck: DeckInfo;
  shortName: string;
  depth: number;
  children: DeckNode[];
}

/** The decks as a tree (by parentId; '::' depth as a fallback), siblings sorted by name. */
export function buildTree(decks: DeckInfo[]): DeckNode[] {
  const byId = new Map<number, DeckNode>();
  for (const deck of decks) {
    const parts = deck.name.split('::');
    byId.set(deck.id, { deck, shortName: parts[parts.length - 1] ?? deck.name, depth: 0, children: [] });
  }
  const roots: DeckNode[] = [];
  for (const node of byId.values()) {
    const parent = node.deck.parentId === null ? undefined : byId.get(node.deck.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const collator = new Intl.Collator(undefined, { numeric: true });
  const finish = (nodes: DeckNode[], depth: number) => {
    nodes.sort((a, b) => collator.compare(a.shortName, b.shortName));
    for (const n of nodes) {
      n.depth = depth;
      finish(n.children, depth + 1);
    }
  };
  finish(roots, 0);
  return roots;
}

/** The rows to show: every node whose ancestors are all expanded, in tree order. */
export function visibleRows(roots: DeckNode[], collapsed: ReadonlySet<number>): DeckNode[] {
  const out: DeckNode[] = [];
  const walk = (nodes: DeckNode[]) => {
    for (const n of nodes) {
      out.push(n);
      if (!collapsed.has(n.deck.id)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}
