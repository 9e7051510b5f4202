import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/language';
import { formatDate } from '../../lib/format';
import { scaledWindow } from '../../lib/scaled-window';
import { PAGE_SIZE, useCustomers } from './customers.store';

const ROW_HEIGHT = 56;

/**
 * A virtual list: only the rows on screen exist in the DOM, and their pages are fetched from main
 * as they scroll into view, so a million customers scroll like fifty (see scaled-window.ts).
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
  const [scroll, setScroll] = useState({ top: 0, viewport: 600 });

  useEffect(() => {
    const el = parent.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, viewport: el.clientHeight || 600 });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, []);

  const view = scaledWindow(total, ROW_HEIGHT, scroll.viewport, scroll.top);
  const first = view.rows[0]?.index ?? 0;
  const last = view.rows.at(-1)?.index ?? 0;

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
      onKeyDown={(e) => {
        // Arrow keys move through the rows (the list scrolls along); up from the first row
        // goes back to the search box.
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        const buttons = [...(parent.current?.querySelectorAll<HTMLElement>('button') ?? [])];
        const at = buttons.indexOf(document.activeElement as HTMLElement);
        if (at < 0) return;
        e.preventDefault();
        const next = buttons[at + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next) {
          next.focus();
          next.scrollIntoView?.({ block: 'nearest' });
        } else if (e.key === 'ArrowUp') {
          document.querySelector<HTMLElement>('input.search')?.focus();
        }
      }}
    >
      <div style={{ height: view.height, position: 'relative' }}>
        {view.rows.map((row) => {
          const c = pages.get(Math.floor(row.index / PAGE_SIZE))?.[row.index % PAGE_SIZE];
          return (
            <div
              key={row.index}
              role="listitem"
              className="vrow"
              style={{ transform: `translateY(${row.top}px)`, height: ROW_HEIGHT }}
            >
              {c ? (
                <button
                  type="button"
                  className={selectedId === c.id ? 'selected' : ''}
                  title={c.name}
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
