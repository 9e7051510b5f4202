import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrints } from './prints.store';

/**
 * Where a printed document was saved, when main chose the place itself (the dev bridge writes
 * every print to a folder: a browser has no save dialog). Gone on closing it or on a lock.
 */
export function PrintedPath() {
  const { t } = useTranslation();
  const { path, listen, close } = usePrints();
  useEffect(() => listen(), [listen]);
  if (!path) return null;
  return (
    <div className="banner banner-ok printed-path" role="status">
      <span>
        {t('app.printedTo')} <span className="mono">{path}</span>
      </span>{' '}
      <button type="button" className="link" onClick={close}>
        {t('common.close')}
      </button>
    </div>
  );
}
