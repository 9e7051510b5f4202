import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsView } from '../../../shared/domain';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { errorFields, type UiError } from '../../lib/client';
import { ChangePin } from '../account/ChangePin';
import { useSession } from '../session/session.store';
import { useShop } from '../shop/shop.store';
import { FieldsSettings } from './FieldsSettings';
import { PurposesSettings } from './PurposesSettings';
import { ProductsSettings } from './ProductsSettings';
import { LoyaltySettings } from '../loyalty/LoyaltySettings';
import { BriefingSettings } from '../briefing/BriefingSettings';
import { LanSettings } from '../lan/LanSettings';
import './settings.css';

export function SettingsPage() {
  const { t } = useTranslation();
  const status = useSession((s) => s.status);
  const isOwner = status?.user?.role === 'owner';
  const { getSettings, updateSettings } = useShop();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [minutes, setMinutes] = useState('5');
  const [error, setError] = useState<UiError>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void getSettings().then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      setMinutes(String(r.value.autoLockMinutes));
    });
  }, [getSettings]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!settings) return;
    setSaved(false);
    const r = await updateSettings({
      autoLockMinutes: Number(minutes),
      notesHardBlock: settings.notesHardBlock,
      shopContact: settings.shopContact,
      shopAddress: settings.shopAddress,
      recipients: settings.recipients,
      breachAuthority: settings.breachAuthority,
      shopWhatsApp: settings.shopWhatsApp,
    });
    if (r.ok) {
      setError(null);
      setSettings(r.value);
      setSaved(true);
    } else setError(r.error);
  };

  return (
    <section className="page settings">
      <h1>{t('settings.title')}</h1>
      <div className="settings-grid">
        <div>
          {isOwner && settings && (
            <form className="inline-form" onSubmit={(e) => void save(e)}>
              <h2>{t('settings.general')}</h2>
              <ErrorBanner error={error} />
              {saved && <Notice tone="ok">{t('common.saved')}</Notice>}
              <Field
                label={t('settings.autoLock')}
                name="autoLockMinutes"
                type="number"
                min={1}
                max={120}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
              <Field
                label={t('settings.shopContact')}
                name="shopContact"
                help={t('settings.shopContactHelp')}
                value={settings.shopContact}
                maxLength={300}
                onChange={(e) => setSettings({ ...settings, shopContact: e.target.value })}
              />
              <Field
                label={t('settings.shopWhatsApp')}
                name="shopWhatsApp"
                type="tel"
                help={t('settings.shopWhatsAppHelp')}
                value={settings.shopWhatsApp}
                maxLength={30}
                invalid={errorFields(error).includes('shopWhatsApp') && error?.message}
                onChange={(e) => setSettings({ ...settings, shopWhatsApp: e.target.value })}
              />
              <Field
                label={t('settings.shopAddress')}
                name="shopAddress"
                multiline
                help={t('settings.shopAddressHelp')}
                value={settings.shopAddress}
                maxLength={300}
                onChange={(e) => setSettings({ ...settings, shopAddress: e.target.value })}
              />
              <Field
                label={t('settings.recipients')}
                name="recipients"
                multiline
                help={t('settings.recipientsHelp')}
                value={settings.recipients}
                maxLength={500}
                onChange={(e) => setSettings({ ...settings, recipients: e.target.value })}
              />
              <Field
                label={t('settings.breachAuthority')}
                name="breachAuthority"
                help={t('settings.breachAuthorityHelp')}
                value={settings.breachAuthority}
                maxLength={200}
                onChange={(e) => setSettings({ ...settings, breachAuthority: e.target.value })}
              />
              <p className="muted small" data-testid="notice-version">
                {t('settings.noticeVersion', { version: settings.noticeVersion })}
              </p>
              <label className="check">
                <input
                  type="checkbox"
                  checked={settings.notesHardBlock}
                  onChange={(e) => setSettings({ ...settings, notesHardBlock: e.target.checked })}
                />
                {t('settings.hardBlock')}
              </label>
              <div className="actions actions-left">
                <Button type="submit" className="btn-primary">
                  {t('common.save')}
                </Button>
              </div>
            </form>
          )}
          {isOwner && <BriefingSettings />}
          {isOwner && <LanSettings />}
          {status && (
            <div className="inline-form">
              <h2>{t('settings.keystore')}</h2>
              <Notice tone={status.keystoreProtected ? 'ok' : 'warn'}>
                {status.keystoreProtected
                  ? t('settings.keystoreOk', {
                      backend: t(`settings.backends.${status.keystoreBackend}`, {
                        defaultValue: status.keystoreBackend,
                      }),
                    })
                  : t('settings.keystoreWeak', {
                      backend: t(`settings.backends.${status.keystoreBackend}`, {
                        defaultValue: status.keystoreBackend,
                      }),
                    })}
              </Notice>
            </div>
          )}
          <div className="inline-form">
            <ChangePin />
          </div>
        </div>
        {isOwner && (
          <div>
            <FieldsSettings />
            <PurposesSettings />
            <ProductsSettings />
            {/* Only the version follows: what the owner is typing in "Umum" stays as typed. */}
            <LoyaltySettings
              onNoticeVersion={(version) => setSettings((s) => (s ? { ...s, noticeVersion: version } : s))}
            />
          </div>
        )}
      </div>
    </section>
  );
}
