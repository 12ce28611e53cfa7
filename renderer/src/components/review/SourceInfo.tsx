import type { CardView } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

/** Where this card comes from: the Markdown file and line to edit (key `e`). */
export function SourceInfo({ card }: { card: CardView }) {
  const t = useT();
  return (
    <aside className="source-info" aria-live="polite">
      {card.sourceFile ? (
        <>
          <span>{t.review.editTitle} </span>
          <code>
            {card.sourceFile}
            {card.sourceLine != null ? `:${card.sourceLine}` : ''}
          </code>
        </>
      ) : (
        <span>{t.review.noSource}</span>
      )}
    </aside>
  );
}
