/**
 * A titled frame around one section of a screen: the heading names the region (its id comes from
 * `useId`, so `aria-labelledby` always points at it), an optional muted hint under it, then the
 * content. Class `frame` (`card` is the cashier's member card).
 */
import { useId, type ReactNode } from 'react';

export type CardVariant = 'narrow' | 'inner';

export interface CardProps {
  title: ReactNode;
  hint?: ReactNode;
  /** `narrow` caps the width of a form-like section; `inner` is a card nested in another. */
  variant?: CardVariant;
  /** 3 for a card inside another card's section. */
  headingLevel?: 2 | 3;
  /** `li` when the card is one of a list. */
  as?: 'section' | 'li';
  /** The element's id: an in-page anchor (`#keys`). */
  id?: string;
  testId?: string;
  /** More `data-*` attributes (keys without the prefix) for the tests to read. */
  data?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  children?: ReactNode;
}

export function Card({ title, hint, variant, headingLevel = 2, as: Tag = 'section', id, testId, data, children }: CardProps) {
  const headingId = useId();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const dataAttrs = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v ?? undefined]));
  return (
    <Tag className={variant === undefined ? 'frame' : `frame frame--${variant}`} aria-labelledby={headingId} id={id} data-testid={testId} {...dataAttrs}>
      <Heading id={headingId}>{title}</Heading>
      {hint !== undefined && <p className="frame__hint">{hint}</p>}
      {children}
    </Tag>
  );
}
