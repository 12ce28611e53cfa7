import { memo } from 'react';
import { renderMarkdown } from '../markdown/render.ts';

interface Props {
  source: string;
  className?: string;
  testId?: string;
}

/**
 * Card Markdown rendered to HTML that DOMPurify has sanitized (see markdown/render.ts). The
 * renderer is imported eagerly: a card must never paint with an empty side while a chunk loads.
 */
export const Markdown = memo(function Markdown({ source, className, testId }: Props) {
  return (
    <div
      className={className ? `md ${className}` : 'md'}
      data-testid={testId}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown returns DOMPurify-sanitized HTML
      dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }}
    />
  );
});
