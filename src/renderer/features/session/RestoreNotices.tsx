import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Notice } from '../../components/ui';
import { formatDateTime } from '../../lib/format';

/**
 * What main says about restores: the data a restore set aside (still there, until when) and a
 * restore marker refused or not checkable at start-up. Main sends the leftovers only to the owner
 * and the lock screen.
 */
export function RestoreNotices({ status }: { status: AppStatus }) {
  const { t, i18n } = useTranslation();
  const left = status.restoreLeftovers;
  const marker =
    status.restoreOutcome === 'marker_rejected'
      ? 'backups.markerRejected'
      : status.restoreOutcome === 'marker_unverified'
        ? 'backups.markerUnverified'
        : null;
  return (
    <>
      {left && (
        <Notice tone="warn">
          {t(left.checkFailed ? 'backups.leftoversCheckFailed' : 'backups.leftovers', {
            when: formatDateTime(left.since, i18n.language as Language),
          })}
        </Notice>
      )}
      {marker && <Notice tone="warn">{t(marker)}</Notice>}
    </>
  );
}
