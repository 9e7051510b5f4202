import { useTranslation } from 'react-i18next';
import { useSession } from './session.store';

/**
 * On an extra counter: says plainly when the main laptop cannot be reached. Main reconnects by
 * itself and tells the window (lan:connection); the screen under the banner keeps what was typed.
 */
export function PrimaryBanner() {
  const { t } = useTranslation();
  const lan = useSession((s) => s.status?.lan);
  if (!lan || lan.connected || lan.problem) return null;
  return (
    <div className="primary-banner" role="alert">
      {t('pairing.offline')}
    </div>
  );
}
