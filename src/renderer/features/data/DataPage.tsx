import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_METHODS,
  IMPORT_TARGETS,
  type CounterConsentMethod,
  type ImportCheck,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportTarget,
} from '../../../shared/domain';
import { Button, ErrorBanner, Field, Notice, ProgressBar } from '../../components/ui';
import type { Language } from '../../../shared/language';
import { fieldLabel, importProblemText } from '../../../shared/messages';
import type { UiError } from '../../lib/client';
import { useShop } from '../shop/shop.store';
import { useData } from './data.store';
import { SalesImport } from './SalesImport';
import './data.css';

const SHOWN_ERRORS = 50;

/** Export everything (owner), and import a spreadsheet: choose, map, check, then commit all or none. */
export function DataPage() {
  const { t } = useTranslation();
  const { enabled, loaded, load } = useShop();
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [check, setCheck] = useState<ImportCheck | null>(null);
  // The last import's check, kept after it commits: its problem list can still be read and saved.
  const [done, setDone] = useState<ImportCheck | null>(null);
  // Consent in the file: how it was collected and under which notice, as the owner says (no default).
  const [consentMethod, setConsentMethod] = useState<CounterConsentMethod | ''>('');
  const [noticeVersion, setNoticeVersion] = useState('1');
  const { getSettings } = useShop();
  useEffect(() => {
    void getSettings().then((r) => r.ok && setNoticeVersion(String(r.value.noticeVersion)));
  }, [getSettings]);
  const consentCount = check ? check.consents.whatsapp + check.consents.smsEmail : 0;
  // Rows already in the vault: skipped unless the owner asks to fill those customers' empty fields.
  const [fillDuplicates, setFillDuplicates] = useState(false);
  const consentReady = consentCount === 0 || (consentMethod !== '' && Number(noticeVersion) >= 1);
  const {
    progress,
    listen,
    exportAll: exportFile,
    open,
    check: checkFile,
    commit: commitFile,
    cancel,
    saveErrors,
  } = useData();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  useEffect(() => listen(), [listen]);

  const exportAll = async (format: 'csv' | 'json') => {
    setNotice(null);
    const r = await exportFile(format);
    if (!r.ok) return setError(r.error);
    if (r.value.saved) setNotice(t('data.exported', { count: r.value.count }));
  };

  const choose = async () => {
    setError(null);
    setNotice(null);
    setCheck(null);
    setDone(null);
    setBusy(true);
    const r = await open();
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') {
        setError(r.error);
        // Main dropped the previous file when this one was refused: so does the screen.
        setPreview(null);
        setMapping({});
      }
      return;
    }
    setPreview(r.value);
    setMapping(r.value.suggested);
  };

  const runCheck = async () => {
    setBusy(true);
    setError(null);
    const r = await checkFile(mapping);
    setBusy(false);
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  };

  const commit = async () => {
    setBusy(true);
    setError(null);
    const r = await commitFile(
      mapping,
      consentCount > 0 && consentMethod !== ''
        ? { method: consentMethod, noticeVersion: Number(noticeVersion) }
        : undefined,
      fillDuplicates ? 'fill' : 'skip',
    );
    setBusy(false);
    if (!r.ok) return setError(r.error);
    // The summary and its problem list stay (with the save button) after the import.
    setNotice(
      r.value.filled > 0
        ? `${t('data.imported', { count: r.value.imported })} ${t('data.filled', { count: r.value.filled })}`
        : t('data.imported', { count: r.value.imported }),
    );
    setDone(check);
    setPreview(null);
    setCheck(null);
  };

  const setTarget = (target: ImportTarget, value: string) => {
    const next = { ...mapping };
    if (value === '') delete next[target];
    else next[target] = Number(value);
    setMapping(next);
    setCheck(null);
  };

  // Field names come from the same labels as the customer form; only the consent columns are import's own.
  const targetLabel = (target: ImportTarget) =>
    target === 'name'
      ? t('customers.name')
      : target.startsWith('consent_')
        ? t(`data.targets.${target}`)
        : t(`fields.${target}`);
  const targets = IMPORT_TARGETS.filter(
    (k) => k === 'name' || k.startsWith('consent_') || enabled(k as Parameters<typeof enabled>[0]),
  );

  return (
    <section className="page">
      <h1>{t('data.title')}</h1>
      <ErrorBanner error={error} />
      {notice && <Notice tone="ok">{notice}</Notice>}
      {done && !preview && <ProblemList check={done} onSave={() => void saveErrors()} />}

      <div className="inline-form wide">
        <h2>{t('data.exportTitle')}</h2>
        <p className="muted small">{t('data.exportIntro')}</p>
        <div className="actions actions-left">
          <Button onClick={() => void exportAll('csv')}>{t('data.exportCsv')}</Button>
          <Button onClick={() => void exportAll('json')}>{t('data.exportJson')}</Button>
        </div>
      </div>

      <div className="inline-form wide">
        <h2>{t('data.importTitle')}</h2>
        <p className="muted small">{t('data.importIntro')}</p>
        <div className="actions actions-left">
          <Button onClick={() => void choose()} disabled={busy}>
            {t('data.choose')}
          </Button>
          {busy && progress?.phase === 'reading' && (
            <Button className="btn-danger" onClick={() => void cancel()}>
              {t('data.cancel')}
            </Button>
          )}
        </div>
        {progress?.phase === 'reading' && <ImportProgressBar progress={progress} />}
        {preview && (
          <>
            <p className="small" data-testid="import-file">
              {t('data.file', {
                name: preview.fileName,
                rows: preview.rowCount,
                encoding: t(`data.encodings.${preview.encoding}`),
                delimiter: preview.delimiter === '\t' ? 'tab' : preview.delimiter,
              })}
            </p>
            <h3>{t('data.mapping')}</h3>
            {preview.offFields.length > 0 && (
              <Notice>
                {t('data.offFields', { fields: preview.offFields.map((f) => t(`fields.${f}`)).join(', ') })}
              </Notice>
            )}
            <div className="mapping-grid">
              {targets.map((target) => (
                <label key={target} className="field">
                  <span>{targetLabel(target)}</span>
                  <select
                    name={`map-${target}`}
                    value={mapping[target] ?? ''}
                    onChange={(e) => setTarget(target, e.target.value)}
                  >
                    <option value="">{t('data.ignore')}</option>
                    {preview.headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            <h3>{t('data.preview')}</h3>
            <div className="table-scroll">
              <table className="table small">
                <thead>
                  <tr>
                    {preview.headers.map((h, i) => (
                      <th key={i}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((row, r) => (
                    <tr key={r}>
                      {preview.headers.map((_h, c) => (
                        <td key={c} className="pre">
                          {row[c] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {progress && progress.phase !== 'reading' && <ImportProgressBar progress={progress} />}
            <div className="actions actions-left">
              <Button onClick={() => void runCheck()} busy={busy && !check} disabled={busy}>
                {t('data.check')}
              </Button>
              {check && check.valid > 0 && (
                <Button
                  className="btn-primary"
                  onClick={() => void commit()}
                  busy={busy}
                  disabled={busy || !consentReady}
                >
                  {t('data.commit', { count: check.valid })}
                </Button>
              )}
              {busy && (
                <Button className="btn-danger" onClick={() => void cancel()}>
                  {t('data.cancel')}
                </Button>
              )}
            </div>
            {check && (
              <>
                <Notice tone={check.errors.length ? 'warn' : 'ok'}>
                  {t('data.checked', { valid: check.valid, total: check.total, errors: check.errors.length })}
                </Notice>
                {consentCount > 0 && (
                  <div className="inline-form" data-testid="import-consent">
                    <Notice tone="warn">
                      {t('data.consentCount', {
                        whatsapp: check.consents.whatsapp,
                        sms: check.consents.smsEmail,
                      })}
                    </Notice>
                    <div className="field">
                      <label htmlFor="import-consent-method">{t('data.consentMethod')}</label>
                      <select
                        id="import-consent-method"
                        value={consentMethod}
                        onChange={(e) => setConsentMethod(e.target.value as CounterConsentMethod)}
                      >
                        <option value="">{t('data.consentMethodChoose')}</option>
                        {CONSENT_METHODS.map((m) => (
                          <option key={m} value={m}>
                            {t(`data.consentMethods.${m}`)}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Field
                      label={t('data.consentNotice')}
                      help={t('data.consentNoticeHelp')}
                      inputMode="numeric"
                      value={noticeVersion}
                      onChange={(e) => setNoticeVersion(e.target.value)}
                    />
                  </div>
                )}
                {check.fillable > 0 && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={fillDuplicates}
                      onChange={(e) => setFillDuplicates(e.target.checked)}
                    />
                    {t('data.fillDuplicates', { count: check.fillable })}
                  </label>
                )}
                {check.previouslyErased > 0 && (
                  <Notice tone="warn">{t('data.previouslyErased', { count: check.previouslyErased })}</Notice>
                )}
                <ProblemList check={check} onSave={() => void saveErrors()} />
              </>
            )}
          </>
        )}
      </div>
      <SalesImport />
    </section>
  );
}

/** The rows a check refused: row as the spreadsheet numbers it, column, problem; savable. */
function ProblemList({ check, onSave }: { check: ImportCheck; onSave(): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (check.errors.length === 0) return null;
  return (
    <>
      <table className="table small" data-testid="import-errors">
        <thead>
          <tr>
            <th>{t('data.row')}</th>
            <th>{t('data.column')}</th>
            <th>{t('data.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {check.errors.slice(0, SHOWN_ERRORS).map((e, i) => (
            <tr key={i}>
              <td>{e.row}</td>
              <td>{e.field === 'row' ? '' : fieldLabel(e.field, lang)}</td>
              <td>
                {importProblemText(e.code, lang)}
                {e.match ? ` (${t('data.matchBoth', { file: e.match.fileName, name: e.match.name })})` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {check.errors.length > SHOWN_ERRORS && (
        <p className="muted small">{t('data.moreErrors', { count: check.errors.length - SHOWN_ERRORS })}</p>
      )}
      <Button className="btn-small" onClick={onSave}>
        {t('data.saveErrors')}
      </Button>
    </>
  );
}

/** How far the current step has come: percent of the file while reading, rows after that. */
function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { t } = useTranslation();
  const percent = Math.round((progress.done / Math.max(1, progress.total)) * 100);
  const label =
    progress.phase === 'reading'
      ? t('data.progressReading', { percent })
      : t(progress.phase === 'checking' ? 'data.progressChecking' : 'data.progressWriting', {
          done: progress.done,
          total: progress.total,
        });
  return <ProgressBar done={progress.done} total={progress.total} label={label} />;
}
