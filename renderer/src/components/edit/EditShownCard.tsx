import { lazy, Suspense } from 'react';
import type { ShownCard } from '../../api/types.ts';
import { useApi } from '../../app/api.tsx';

// The editor is not on the review path: loaded when first opened.
const EditCardDialog = lazy(() =>
  import('./EditCardDialog.tsx').then((m) => ({ default: m.EditCardDialog })),
);

/**
 * The editor over a review or cram session: once saved, the card on screen is fetched again
 * (review.card) so the session shows its new text, with the same id and history.
 */
export function EditShownCard({
  cardId,
  onClose,
  onEdited,
}: {
  cardId: number;
  onClose(): void;
  onEdited(shown: ShownCard, message: string): void;
}) {
  const call = useApi();
  return (
    <Suspense fallback={null}>
      <EditCardDialog
        cardId={cardId}
        onClose={onClose}
        onSaved={async (message) => onEdited(await call('review.card', { cardId }), message)}
      />
    </Suspense>
  );
}
