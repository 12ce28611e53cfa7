import { useMemo } from 'react';
import { compareTyped } from '../../../../core/typein/compare.ts';
import { useT } from '../../i18n/index.tsx';

interface Props {
  expected: string;
  typed: string;
  revealed: boolean;
  onChange(value: string): void;
  onSubmit(): void;
}

/** The answer box of a type-in card; after Enter, what was typed against what was expected. */
export function TypeInAnswer({ expected, typed, revealed, onChange, onSubmit }: Props) {
  const t = useT();
  if (!revealed) {
    return (
      <div className="typein">
        <label htmlFor="typein-input" className="visually-hidden">
          {t.review.typeLabel}
        </label>
        <input
          id="typein-input"
          className="typein-input"
          type="text"
          // biome-ignore lint/a11y/noAutofocus: the answer box is the one thing to do on this card
          autoFocus
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t.review.typePlaceholder}
          value={typed}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              e.stopPropagation();
              onSubmit();
            }
          }}
        />
      </div>
    );
  }
  return <Comparison typed={typed} expected={expected} />;
}

function Comparison({ typed, expected }: { typed: string; expected: string }) {
  const t = useT();
  const result = useMemo(() => compareTyped(typed, expected), [typed, expected]);
  if (result.equal) {
    return (
      <p className="typein-result typein-ok" data-testid="typein-result" data-equal="true">
        <span aria-hidden="true">✓ </span>
        {t.review.correct}: <code>{result.normalizedTyped || typed}</code>
      </p>
    );
  }
  return (
    <div className="typein-result" data-testid="typein-result" data-equal="false">
      <dl className="typein-grid">
        <dt>{t.review.yourAnswer}</dt>
        <dd>
          <code className="typein-diff">
            {result.diff.map((part, i) => {
              const key = `${i}-${part.kind}`;
              if (part.kind === 'missing') return <ins key={key}>{part.text}</ins>;
              if (part.kind === 'extra') return <del key={key}>{part.text}</del>;
              return <span key={key}>{part.text}</span>;
            })}
          </code>
        </dd>
        <dt>{t.review.expected}</dt>
        <dd>
          <code>{result.normalizedExpected}</code>
        </dd>
      </dl>
      <p className="muted small typein-legend">{t.review.diffLegend}</p>
    </div>
  );
}
