import { Icon } from '../../components/Icon';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult } from '../../../shared/domain';
import { checkPin } from '../../../shared/pin-policy';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Button, ErrorBanner, Field, FormActions, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { RestoreForm } from '../backups/RestoreForm';
import { ConnectForm } from './ConnectForm';
import { useSetup } from './setup.store';
import './setup.css';

type Step = 'shop' | 'pin' | 'code' | 'confirm';
const STEPS: Step[] = ['shop', 'pin', 'code', 'confirm'];

/**
 * First run. Main does the work (calibration, keys, vault); the wizard collects input, shows the
 * recovery code once and makes the owner type part of it back.
 */
export function SetupWizard({
  resume = false,
  incident = null,
}: {
  resume?: boolean;
  /** The code comes from this incident's key rotation: only its two steps, under its name. */
  incident?: number | null;
}) {
  const { t } = useTranslation();
  const { create: createVault, recoveryCode, printCard, confirm: confirmCode } = useSetup();
  const [step, setStep] = useState<Step>(resume ? 'code' : 'shop');
  // A new laptop: bring the shop back from a backup instead of starting afresh.
  const [restoring, setRestoring] = useState(false);
  // Or an extra counter: a client of the laptop that holds the shop's vault.
  const [connecting, setConnecting] = useState(false);
  const [shopName, setShopName] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [pin, setPin] = useState('');
  const [pinConfirm, setPinConfirm] = useState('');
  const [result, setResult] = useState<SetupResult | null>(null);
  const [stored, setStored] = useState(false);
  const [answers, setAnswers] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const [printed, setPrinted] = useState(false);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (!resume) return;
    void recoveryCode().then((r) => (r.ok ? setResult(r.value) : setError(r.error)));
  }, [resume, recoveryCode]);

  const pinProblem = checkPin(pin, true);
  const bad = errorFields(error);

  const nextFromShop = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (shopName.trim() && ownerName.trim()) {
      setTouched(false);
      setStep('pin');
    }
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (pinProblem || pin !== pinConfirm) return;
    setBusy(true);
    setError(null);
    const r = await createVault({ shopName, ownerName, pin, pinConfirm });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setPin('');
    setPinConfirm('');
    setResult(r.value);
    setStep('code');
  };

  const print = async () => {
    const r = await printCard();
    if (r.ok) setPrinted(r.value.saved);
    else setError(r.error);
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!result) return;
    setBusy(true);
    setError(null);
    const r = await confirmCode(result.confirmGroups.map((g) => ({ group: g, value: answers[g] ?? '' })));
    setBusy(false);
    if (!r.ok) setError(r.error);
  };

  const steps: Step[] = incident ? ['code', 'confirm'] : STEPS;
  const n = steps.indexOf(step) + 1;
  if (connecting) {
    return (
      <main className="center-screen">
        <div className="card">
          <ConnectForm onCancel={() => setConnecting(false)} />
        </div>
      </main>
    );
  }
  if (restoring) {
    return (
      <main className="center-screen">
        <div className="card">
          <RestoreForm fresh onCancel={() => setRestoring(false)} />
        </div>
      </main>
    );
  }
  return (
    <main className="center-screen">
      <div className="card">
        <header className="card-head">
          <div>
            <div className="brand">
              <Icon name="lock" /> {t('app.name')}
            </div>
            <small className="muted step-label">{t('setup.step', { n, total: steps.length })}</small>
          </div>
          <LanguageSwitch />
        </header>
        <ol className="steps" aria-hidden>
          {steps.map((s, i) => (
            <li key={s} className={i < n ? 'done' : ''} />
          ))}
        </ol>
        <ErrorBanner error={error} />

        {step === 'shop' && (
          <form onSubmit={nextFromShop}>
            <h1>{t('setup.title')}</h1>
            <p>{t('setup.intro')}</p>
            <Field
              label={t('setup.shopName')}
              name="shopName"
              value={shopName}
              maxLength={120}
              autoFocus
              onChange={(e) => setShopName(e.target.value)}
              invalid={touched && !shopName.trim() && t('common.required')}
            />
            <Field
              label={t('setup.ownerName')}
              name="ownerName"
              value={ownerName}
              maxLength={120}
              onChange={(e) => setOwnerName(e.target.value)}
              invalid={touched && !ownerName.trim() && t('common.required')}
            />
            <div className="actions">
              <Button type="button" onClick={() => setRestoring(true)}>
                {t('setup.restore')}
              </Button>
              <Button type="button" onClick={() => setConnecting(true)}>
                {t('pairing.connect')}
              </Button>
              <Button type="submit" className="btn-primary">
                {t('common.next')}
              </Button>
            </div>
          </form>
        )}

        {step === 'pin' && (
          <form onSubmit={(e) => void create(e)}>
            <h1>{t('setup.pinTitle')}</h1>
            <p className="muted">{t('setup.pinHelp')}</p>
            <Field
              label={t('setup.pin')}
              name="pin"
              type="password"
              autoComplete="new-password"
              value={pin}
              autoFocus
              onChange={(e) => setPin(e.target.value)}
              invalid={
                (touched && pinProblem !== null && t(`pinWeak.${pinProblem}`)) || (bad.includes('pin') && ' ')
              }
            />
            <Field
              label={t('setup.pinConfirm')}
              name="pinConfirm"
              type="password"
              autoComplete="new-password"
              value={pinConfirm}
              onChange={(e) => setPinConfirm(e.target.value)}
              invalid={touched && pin !== pinConfirm && t('pinWeak.mismatch')}
            />
            {busy && <Notice>{t('setup.creating')}</Notice>}
            <FormActions
              onBack={() => setStep('shop')}
              backLabel={t('common.back')}
              submitLabel={t('setup.create')}
              busy={busy}
            />
          </form>
        )}

        {step === 'code' && (
          <section>
            <h1>{incident ? t('setup.rotatedTitle', { id: incident }) : t('setup.codeTitle')}</h1>
            <p>{incident ? t('setup.rotatedIntro', { id: incident }) : t('setup.codeIntro')}</p>
            {result && (
              <div className="recovery-code" data-testid="recovery-code">
                {result.recoveryCode.split('-').map((g, i) => (
                  <span key={i}>
                    <small>{i + 1}</small>
                    {g}
                  </span>
                ))}
              </div>
            )}
            <Notice tone="warn">{t('setup.codeWarn')}</Notice>
            <div className="actions actions-left">
              <Button type="button" onClick={() => void print()}>
                <Icon name="print" /> {t('setup.print')}
              </Button>
              {printed && <span className="ok-text">{t('setup.printed')}</span>}
            </div>
            <label className="check">
              <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
              {t('setup.stored')}
            </label>
            <div className="actions">
              <Button
                type="button"
                className="btn-primary"
                disabled={!stored || !result}
                onClick={() => setStep('confirm')}
              >
                {t('common.next')}
              </Button>
            </div>
          </section>
        )}

        {step === 'confirm' && result && (
          <form onSubmit={(e) => void confirm(e)}>
            <h1>{t('setup.confirmTitle')}</h1>
            <p>{t('setup.confirmIntro', { groups: result.confirmGroups.join(' & ') })}</p>
            <div className="row">
              {result.confirmGroups.map((g, i) => (
                <Field
                  key={g}
                  label={t('setup.group', { n: g })}
                  name={`group${g}`}
                  className="mono"
                  autoComplete="off"
                  maxLength={8}
                  autoFocus={i === 0}
                  value={answers[g] ?? ''}
                  onChange={(e) => setAnswers({ ...answers, [g]: e.target.value })}
                  invalid={bad.includes(`group${g}`) && ' '}
                />
              ))}
            </div>
            <FormActions
              onBack={() => setStep('code')}
              backLabel={t('common.back')}
              submitLabel={t('setup.confirm')}
              busy={busy}
            />
          </form>
        )}
      </div>
    </main>
  );
}
