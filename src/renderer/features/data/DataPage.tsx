import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_METHODS,
  IMPORT_TARGETS,
  NOTICE_OUTSIDE,
  type CounterConsentMethod,
  type DocVersionInfo,
  type ImportCheck,
  type ImportInVaultRow,
  type ImportMapping,
  type ImportPreview,
  type ImportProgress,
  type ImportRowError,
  type ImportTarget,
} from '../../../shared/domain';
import { Button, ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import type { Language } from '../../../shared/language';
import { fieldLabel, importProblemText } from '../../../shared/messages';
import type { UiError } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { usePrivacy } from '../privacy/privacy.store';
import { useShop } from '../shop/shop.store';
import { useData } from './data.store';
import { SalesImport } from './SalesImport';
import './data.css';

const SHOWN_ERRORS = 50;

/** Export everything (owner), and import a spreadsheet: choose, map, check, then commit all or none. */
export function DataPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { enabled, loaded, load } = useShop();
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [check, setCheck] = useState<ImportCheck | null>(null);
  // The last import's check, kept after it commits: its problem list can still be read and saved.
  const [done, setDone] = useState<ImportCheck | null>(null);
  // Consent in the file: how it was collected and under which notice the customers saw, as the
  // owner says (no default for either: the version in force today is not what they were shown).
  const [consentMethod, setConsentMethod] = useState<CounterConsentMethod | ''>('');
  const [noticeVersion, setNoticeVersion] = useState('');
  const [versions, setVersions] = useState<DocVersionInfo[]>([]);
  // A version made after the file was last changed: only if the owner says the customers saw it.
  const [acknowledgeNewer, setAcknowledgeNewer] = useState(false);
  const listVersions = usePrivacy((s) => s.versions);
  const consentCount = check ? check.consents.whatsapp + check.consents.smsEmail : 0;
  useEffect(() => {
    if (consentCount > 0) void listVersions('notice').then((r) => r.ok && setVersions(r.value));
  }, [consentCount, listVersions]);
  // The shop's own notice outside Brankas is a choice too: never newer than the file.
  const outside = { version: NOTICE_OUTSIDE, createdAt: Number.NEGATIVE_INFINITY, touchesConsent: true };
  const chosen = [...versions, outside].find((v) => String(v.version) === noticeVersion);
  const newerThanFile = Boolean(chosen && preview && chosen.createdAt > preview.modifiedAt);
  // Rows already in the vault: skipped unless the owner asks to fill those customers' empty fields
  // (same name), or confirms a row with another name one by one.
  const [fillDuplicates, setFillDuplicates] = useState(false);
  const [confirmed, setConfirmed] = useState<ReadonlySet<number>>(new Set());
  const consentReady =
    consentCount === 0 ||
    (consentMethod !== '' && chosen !== undefined && (!newerThanFile || acknowledgeNewer));
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
    setConfirmed(new Set());
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  };

  const commit = async () => {
    setBusy(true);
    setError(null);
    const r = await commitFile(
      mapping,
      consentCount > 0 && consentMethod !== '' && chosen
        ? { method: consentMethod, noticeVersion: chosen.version, acknowledgeNewer: newerThanFile }
        : undefined,
      fillDuplicates ? 'fill' : 'skip',
      (check?.inVault ?? [])
        .filter((r) => r.status === 'confirm' && confirmed.has(r.row))
        .map((r) => ({ row: r.row, customerId: r.customerId })),
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
      {done && !preview && <ProblemList check={done} onSave={() => void saveErrors()} top />}

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
                  <span data-testid="import-summary">
                    {t('data.checked', {
                      valid: check.summary.ready,
                      total: check.total,
                      problems: check.summary.problems,
                      inVault: check.summary.inVault,
                    })}
                  </span>
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
                    <div className="field">
                      <label htmlFor="import-notice-version">{t('data.consentNotice')}</label>
                      <select
                        id="import-notice-version"
                        aria-describedby="import-notice-help"
                        value={noticeVersion}
                        onChange={(e) => {
                          setNoticeVersion(e.target.value);
                          setAcknowledgeNewer(false);
                        }}
                      >
                        <option value="">{t('data.consentMethodChoose')}</option>
                        {versions.map((v) => (
                          <option key={v.version} value={v.version}>
                            {v.createdAt > 0
                              ? t('data.noticeOption', {
                                  version: v.version,
                                  date: formatDate(v.createdAt, lang),
                                })
                              : t('data.noticeOptionBefore', { version: v.version })}
                          </option>
                        ))}
                        <option value={NOTICE_OUTSIDE}>{t('data.noticeOutsideOption')}</option>
                      </select>
                      <small id="import-notice-help" className="muted">
                        {t('data.consentNoticeHelp', { date: formatDate(preview.modifiedAt, lang) })}
                      </small>
                    </div>
                    {newerThanFile && chosen && (
                      <>
                        <Notice tone="warn">
                          {t('data.noticeNewer', {
                            version: chosen.version,
                            made: formatDate(chosen.createdAt, lang),
                            file: formatDate(preview.modifiedAt, lang),
                          })}
                        </Notice>
                        <label className="check">
                          <input
                            type="checkbox"
                            checked={acknowledgeNewer}
                            onChange={(e) => setAcknowledgeNewer(e.target.checked)}
                          />
                          {t('data.noticeNewerConfirm', { version: chosen.version })}
                        </label>
                      </>
                    )}
                  </div>
                )}
                <InVaultList
                  rows={check.inVault}
                  errors={check.errors}
                  fill={fillDuplicates}
                  onFill={setFillDuplicates}
                  confirmed={confirmed}
                  onConfirm={(row, on) => {
                    const next = new Set(confirmed);
                    if (on) next.add(row);
                    else next.delete(row);
                    setConfirmed(next);
                  }}
                />
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

/** Each row's problems, the rows in file order (a row with two problems is one row). */
function byRow(errors: readonly ImportRowError[]): [number, ImportRowError[]][] {
  const rows = new Map<number, ImportRowError[]>();
  for (const e of errors) rows.set(e.row, [...(rows.get(e.row) ?? []), e]);
  return [...rows];
}

/**
 * The rows a check refused for problems of their own (rows already in the vault are listed
 * apart): one line per spreadsheet row, as many as the summary counts; savable.
 */
/** `top`: shown under the page title after an import, so its heading is one level up. */
function ProblemList({ check, onSave, top = false }: { check: ImportCheck; onSave(): void; top?: boolean }) {
  const Heading = top ? 'h2' : 'h3';
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const inVault = new Set(check.inVault.map((r) => r.row));
  const rows = byRow(check.errors.filter((e) => !inVault.has(e.row)));
  if (check.errors.length === 0) return null;
  return (
    <>
      {rows.length > 0 && <Heading>{t('data.problemsTitle', { count: rows.length })}</Heading>}
      {rows.length > 0 && (
        <table className="table small" data-testid="import-errors">
          <thead>
            <tr>
              <th>{t('data.row')}</th>
              <th>{t('data.column')}</th>
              <th>{t('data.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN_ERRORS).map(([row, problems]) => (
              <tr key={row}>
                <td>{row}</td>
                <td>
                  {problems.map((e) => (e.field === 'row' ? '' : fieldLabel(e.field, lang))).join(', ')}
                </td>
                <td>{problems.map((e) => importProblemText(e.code, lang)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > SHOWN_ERRORS && (
        <p className="muted small">{t('data.moreErrors', { count: rows.length - SHOWN_ERRORS })}</p>
      )}
      <Button className="btn-small" onClick={onSave}>
        {t('data.saveErrors')}
      </Button>
    </>
  );
}

/**
 * Rows whose phone is a customer already, each once with both names and what it would do; a row
 * with another name fills only if the owner ticks that row (main checks the row and customer).
 */
function InVaultList({
  rows,
  errors,
  confirmed,
  onConfirm,
  fill,
  onFill,
}: {
  rows: readonly ImportInVaultRow[];
  errors: readonly ImportRowError[];
  /** Fill the same-name rows' customers (one tick for all of them). */
  fill: boolean;
  onFill(on: boolean): void;
  confirmed: ReadonlySet<number>;
  onConfirm(row: number, on: boolean): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  if (rows.length === 0) return null;
  const fillable = rows.filter((r) => r.status === 'fill').length;
  const fields = (r: ImportInVaultRow) => r.fields.map((f) => fieldLabel(f, lang)).join(', ');
  const problems = (row: number) =>
    errors
      .filter((e) => e.row === row && e.code !== 'duplicate_in_vault')
      .map((e) => importProblemText(e.code, lang))
      .join('; ');
  return (
    <>
      <h3>{t('data.inVaultTitle', { count: rows.length })}</h3>
      {fillable > 0 && (
        <label className="check">
          <input type="checkbox" checked={fill} onChange={(e) => onFill(e.target.checked)} />
          {t('data.fillDuplicates', { count: fillable })}
        </label>
      )}
      <table className="table small" data-testid="import-in-vault">
        <thead>
          <tr>
            <th>{t('data.row')}</th>
            <th>{t('data.inVaultNames')}</th>
            <th>{t('data.inVaultWhat')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ERRORS).map((r) => (
            <tr key={r.row}>
              <td>{r.row}</td>
              <td>{t('data.matchBoth', { file: r.fileName, name: r.name })}</td>
              <td>
                {r.status === 'confirm' ? (
                  <>
                    {t('data.inVault.confirm')}{' '}
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={confirmed.has(r.row)}
                        onChange={(e) => onConfirm(r.row, e.target.checked)}
                      />
                      {t('data.inVaultConfirm', { fields: fields(r) })}
                    </label>
                  </>
                ) : r.status === 'invalid' ? (
                  t('data.inVault.invalid', { problems: problems(r.row) })
                ) : (
                  t(`data.inVault.${r.status}`, { fields: fields(r) })
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > SHOWN_ERRORS && (
        <p className="muted small">{t('data.moreInVault', { count: rows.length - SHOWN_ERRORS })}</p>
      )}
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
