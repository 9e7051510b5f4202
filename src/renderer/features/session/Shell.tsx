import './shell.css';
import { Icon, type IconName } from '../../components/Icon';
import { useTranslation } from 'react-i18next';
import { roleHas, type Permission } from '../../../shared/roles';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Notice } from '../../components/ui';
import { AuditPage } from '../audit/AuditPage';
import { BackupsPage } from '../backups/BackupsPage';
import { CustomersPage } from '../customers/CustomersPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DataPage } from '../data/DataPage';
import { MarketingPage } from '../marketing/MarketingPage';
import { PrivacyPage } from '../privacy/PrivacyPage';
import { BriefingPage } from '../briefing/BriefingPage';
import { RetentionPage } from '../retention/RetentionPage';
import { SettingsPage } from '../settings/SettingsPage';
import { UsersPage } from '../users/UsersPage';
import { useSession, type Page } from './session.store';
import { formatDateTime } from '../../lib/format';
import { RestoreNotices } from './RestoreNotices';
import type { Language } from '../../../shared/language';

const NAV: { page: Page; permission: Permission; icon: IconName }[] = [
  { page: 'customers', permission: 'customers.read', icon: 'users' },
  { page: 'dashboard', permission: 'customers.bulk', icon: 'chart' },
  { page: 'marketing', permission: 'customers.bulk', icon: 'send' },
  { page: 'data', permission: 'customers.bulk', icon: 'swap' },
  { page: 'users', permission: 'users.manage', icon: 'id' },
  { page: 'audit', permission: 'audit.read', icon: 'log' },
  { page: 'backups', permission: 'backups.manage', icon: 'lock' },
  { page: 'retention', permission: 'retention.manage', icon: 'trash' },
  { page: 'privacy', permission: 'customers.read', icon: 'shield' },
  { page: 'settings', permission: 'session', icon: 'settings' },
];

/** The logged-in frame. Pages a role cannot use are hidden here and refused by main anyway. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const { status, page, setPage, setPrivacyTab, lock } = useSession();
  const user = status?.user;
  if (!user) return null;
  const visible = NAV.filter((n) => roleHas(user.role, n.permission));
  // The briefing is not a tab: any user reaches it from its banner.
  const current = page === 'briefing' || visible.some((n) => n.page === page) ? page : 'customers';
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <Icon name="lock" /> {t('app.name')}
        </div>
        <div className="shop">{status.shopName}</div>
        <div className="spacer" />
        <LanguageSwitch />
        <span className="who" data-testid="current-user">
          {t('nav.loggedInAs', { name: user.name, role: t(`roles.${user.role}`) })}
        </span>
        <button
          type="button"
          className="btn"
          title={t('nav.switchUserHelp')}
          onClick={() => void lock('switch-user')}
        >
          {t('nav.switchUser')}
        </button>
        <button type="button" className="btn btn-lock" title={t('nav.lockHelp')} onClick={() => void lock()}>
          <Icon name="lock" /> {t('nav.lock')}
        </button>
        {/* After the top row's controls: the tab order follows the screen, top row first. */}
        <nav aria-label="main">
          {visible.map((n) => (
            <button
              key={n.page}
              type="button"
              className={current === n.page ? 'active' : ''}
              aria-current={current === n.page ? 'page' : undefined}
              onClick={() => setPage(n.page)}
            >
              <Icon name={n.icon} /> {t(`nav.${n.page}`)}
            </button>
          ))}
        </nav>
      </header>
      <main className="content">
        {user.role === 'owner' && <RestoreNotices status={status} />}
        {status.backupError && (
          <Notice tone="warn">
            {t('backups.failed', {
              reason: t(`backups.reasons.${status.backupError}`, { defaultValue: status.backupError }),
            })}{' '}
            <button type="button" className="link" onClick={() => setPage('backups')}>
              {t('backups.open')}
            </button>
          </Notice>
        )}
        {status.backupDue && current !== 'backups' && (
          <Notice tone="warn">
            {t('backups.due')}{' '}
            <button type="button" className="link" onClick={() => setPage('backups')}>
              {t('backups.open')}
            </button>
          </Notice>
        )}
        {status.briefingDue && current !== 'briefing' && (
          <Notice tone="warn">
            {t('briefing.banner')}{' '}
            <button type="button" className="link" onClick={() => setPage('briefing')}>
              {t('briefing.open')}
            </button>
          </Notice>
        )}
        {status.openIncident && (
          <Notice tone="warn">
            {t('incident.banner', {
              id: status.openIncident.id,
              when: formatDateTime(status.openIncident.dueAt, i18n.language as Language),
            })}{' '}
            {current !== 'privacy' && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setPrivacyTab('incidents');
                  setPage('privacy');
                }}
              >
                {t('incident.openIncident')}
              </button>
            )}
          </Notice>
        )}
        {status.requestsDue && current !== 'privacy' && (
          <Notice tone="warn">
            {t('privacy.dueBanner', { ...status.requestsDue })}{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setPrivacyTab('requests');
                setPage('privacy');
              }}
            >
              {t('privacy.openRequests')}
            </button>
          </Notice>
        )}
        {status.usageAlerts > 0 && current !== 'audit' && (
          <Notice tone="warn">
            {t('usage.alert', { count: status.usageAlerts })}{' '}
            <button type="button" className="link" onClick={() => setPage('audit')}>
              {t('usage.open')}
            </button>
          </Notice>
        )}
        {current === 'customers' && <CustomersPage />}
        {current === 'dashboard' && <DashboardPage />}
        {current === 'marketing' && <MarketingPage />}
        {current === 'data' && <DataPage />}
        {current === 'users' && <UsersPage />}
        {current === 'audit' && <AuditPage />}
        {current === 'backups' && <BackupsPage />}
        {current === 'retention' && <RetentionPage />}
        {current === 'privacy' && <PrivacyPage />}
        {current === 'briefing' && <BriefingPage />}
        {current === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
