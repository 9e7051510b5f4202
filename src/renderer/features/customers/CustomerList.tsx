import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/language';
import { formatDate } from '../../lib/format';
import { PAGE_SIZE, useCustomers } from './customers.store';

const ROW_HEIGHT = 56;

/**
 * A virtual list: only the rows on screen exist in the DOM, and their pages are fetched from main
 * as they scroll into view, so a million customers scroll as smoothly as fifty.
 */
export function CustomerList({
  selectedId,
  onOpen,
}: {
  selectedId: number | null;
  onOpen(id: number): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { pages, total, ensurePage } = useCustomers();
  const parent = useRef<HTMLDivElement>(null);
  // The virtualizer keeps mutable state by design; React Compiler must not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++)
      void ensurePage(page);
  }, [first, last, ensurePage]);

  return (
    <div
      ref={parent}
      className="customer-list"
      role="list"
      aria-label={t('customers.title')}
      data-testid="customer-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((row) => {
          const c = pages.get(Math.floor(row.index / PAGE_SIZE))?.[row.index % PAGE_SIZE];
          return (
            <div
              key={row.key}
              role="listitem"
              className="vrow"
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
            >
              {c ? (
                <button
                  type="button"
                  className={selectedId === c.id ? 'selected' : ''}
                  onClick={() => onOpen(c.id)}
                >
                  <strong>{c.name}</strong>
                  <span className="mono">{c.phone ?? t('common.none')}</span>
                  <small className="muted">{formatDate(c.lastActivityAt, lang)}</small>
                </button>
              ) : (
                <div className="vrow-loading" aria-hidden />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
