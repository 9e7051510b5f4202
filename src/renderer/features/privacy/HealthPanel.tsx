import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HealthItem } from '../../../shared/domain';
import { ErrorBanner } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useSession } from '../session/session.store';
import { usePrivacy } from './privacy.store';

/**
 * The owner's privacy health: the seed's seven points and breach readiness, live, each with the
 * page that fixes it one click away.
 */
export function HealthPanel() {
  const { t } = useTranslation();
  const health = usePrivacy((s) => s.health);
  const setPage = useSession((s) => s.setPage);
  const [items, setItems] = useState<HealthItem[]>([]);
  const [error, setError] = useState<UiError>(null);
  // Facts into words: "never" instead of -1, the PIN's kind and yes/no in the app's language.
  const words = (item: HealthItem) => {
    const v: Record<string, string | number> = { ...item.values };
    if (typeof v.kind === 'string') v.kind = t(`health.kinds.${v.kind}`);
    if (v.contact !== undefined) v.contact = t(v.contact ? 'health.yes' : 'health.no');
    const key = v.future
      ? 'future'
      : v.days === -1
        ? 'none'
        : Number(v.clockAheadDays) > 0
          ? 'clock'
          : 'text';
    return t(`health.items.${item.key}.${key}`, v);
  };
  useEffect(() => {
    void health().then((r) => (r.ok ? setItems(r.value) : setError(r.error)));
  }, [health]);
  return (
    <div className="health">
      <ErrorBanner error={error} />
      <ul className="health-list" data-testid="health">
        {items.map((item) => (
          <li key={item.key} className={`health-${item.status}`}>
            <span className="health-dot" aria-hidden />
            <span className="health-text">
              <strong>{t(`health.items.${item.key}.title`)}</strong>
              <small className="block">
                {t(`health.status.${item.status}`)} · {words(item)}
              </small>
            </span>
            {item.status !== 'ok' && (
              <button type="button" className="btn btn-small" onClick={() => setPage(item.page)}>
                {t('health.fix')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
