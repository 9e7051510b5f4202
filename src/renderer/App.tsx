import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from './lib/client';
import { watchActivity } from './lib/activity';
import { BriefingPage } from './features/briefing/BriefingPage';
import { ChangePin } from './features/account/ChangePin';
import { LockScreen } from './features/lock/LockScreen';
import { Shell } from './features/session/Shell';
import { useSession } from './features/session/session.store';
import { SetupWizard } from './features/setup/SetupWizard';
import { useCustomers } from './features/customers/customers.store';

/** Which screen shows is decided by main's status for this window, never by local state alone. */
export function App() {
  const { t } = useTranslation();
  const { status, refresh, lockedByMain } = useSession();

  useEffect(() => {
    void refresh();
    const stopActivity = watchActivity(() => Boolean(useSession.getState().status?.user));
    const stopLock = onEvent('session:locked', (p) => {
      // Nothing of the last user's work may stay on screen after a lock.
      useCustomers.getState().reset();
      lockedByMain(p.reason);
    });
    return () => {
      stopActivity();
      stopLock();
    };
  }, [refresh, lockedByMain]);

  useEffect(() => {
    if (!status?.user) useCustomers.getState().reset();
  }, [status?.user]);

  if (!status) return <div className="center-screen muted">{t('app.loading')}</div>;
  if (!status.setupDone) return <SetupWizard />;
  if (!status.user) return <LockScreen />;
  if (status.recoveryPending) return <SetupWizard resume incident={status.recoveryIncident} />;
  if (status.user.mustChangePin) return <ChangePin forced />;
  // First login, every few months, and after the owner changes the rules: read them first.
  if (status.briefingDue) return <BriefingPage forced />;
  return <Shell />;
}
