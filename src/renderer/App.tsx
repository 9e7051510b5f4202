import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onEvent } from './lib/client';
import { watchActivity } from './lib/activity';
import { BriefingPage } from './features/briefing/BriefingPage';
import { ChangePin } from './features/account/ChangePin';
import { LockScreen } from './features/lock/LockScreen';
import { PrimaryBanner } from './features/session/PrimaryBanner';
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
    // The backup banner follows main as soon as a backup (the owner's or an automatic one) ends.
    const stopBackup = onEvent('backup:finished', () => void refresh());
    // An extra counter: the main laptop went away or came back.
    const stopLink = onEvent('lan:connection', () => void refresh());
    return () => {
      stopActivity();
      stopLock();
      stopBackup();
      stopLink();
    };
  }, [refresh, lockedByMain]);

  useEffect(() => {
    if (!status?.user) useCustomers.getState().reset();
  }, [status?.user]);

  if (!status) return <div className="center-screen muted">{t('app.loading')}</div>;
  return (
    <>
      <PrimaryBanner />
      <Screen />
    </>
  );
}

function Screen() {
  const status = useSession((s) => s.status)!;
  if (!status.setupDone) return <SetupWizard />;
  if (!status.user) return <LockScreen />;
  if (status.recoveryPending) return <SetupWizard resume incident={status.recoveryIncident} />;
  if (status.user.mustChangePin) return <ChangePin forced />;
  // A cashier reads the rules first whenever they are due; the owner only at her first login
  // (after she changes them herself she is not pushed into the check: the banner waits for her).
  if (status.briefingGate) return <BriefingPage forced />;
  return <Shell />;
}
