import { useEffect, useRef } from 'react';
import type { CardView as Card } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { Markdown } from '../Markdown.tsx';
import { FlagMark } from './FlagMark.tsx';
import { TypeInAnswer } from './TypeInAnswer.tsx';

interface Props {
  card: Card;
  revealed: boolean;
  typed: string;
  onTyped(value: string): void;
  onReveal(): void;
}

/** The card: deck and heading context, the front, the type-in box, and the back once revealed. */
export function CardView({ card, revealed, typed, onTyped, onReveal }: Props) {
  const t = useT();
  const backRef = useRef<HTMLDivElement>(null);
  const typeIn = card.typeAnswer === true && typeof card.expectedAnswer === 'string';

  useEffect(() => {
    if (revealed) backRef.current?.scrollIntoView({ block: 'nearest' });
  }, [revealed]);

  return (
    <article
      className="card"
      data-testid="card"
      data-card-id={card.id}
      data-side={revealed ? 'back' : 'front'}
      aria-label={t.review.cardOf(card.deckName)}
    >
      <header className="card-head">
        <span className="card-deck">{card.deckName.split('::').join(' › ')}</span>
        {card.context && <span className="card-context">{card.context}</span>}
        <FlagMark flag={card.flag} />
      </header>
      <Markdown source={card.front} className="card-side card-front" testId="card-front" />
      {typeIn && (
        <TypeInAnswer
          expected={card.expectedAnswer ?? ''}
          typed={typed}
          revealed={revealed}
          onChange={onTyped}
          onSubmit={onReveal}
        />
      )}
      {revealed && (
        <div ref={backRef} className="card-back-wrap">
          <hr className="card-divider" />
          <Markdown source={card.back} className="card-side card-back" testId="card-back" />
        </div>
      )}
    </article>
  );
}
