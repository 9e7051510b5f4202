import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SALES_SOURCES,
  SALES_TARGETS,
  type ImportProgress,
  type SalesCheck,
  type SalesMapping,
  type SalesPreview,
  type SalesSource,
  type SalesTarget,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { salesProblemText } from '../../../shared/messages';
import { Button, ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { useSales } from './sales.store';

const SHOWN_REFUSED = 50;
const REQUIRED: ReadonlySet<SalesTarget> = new Set(['date', 'receipt', 'total']);

/**
 * Sales from the shop's POS export: choose the POS and the file, map the columns, check (counts
 * only, nothing written), then import every new receipt at once. Main matches customers by phone
 * and skips receipts it has seen; this screen only shows what main decided.
 */
export function SalesImport() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [source, setSource] = useState<SalesSource | ''>('');
  const [preview, setPreview] = useState<SalesPreview | null>(null);
  const [mapping, setMapping] = useState<SalesMapping>({});
  const [check, setCheck] = useState<SalesCheck | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { progress, listen, open, check: checkFile, commit: commitFile, cancel } = useSales();
  useEffect(() => listen(), [listen]);

  const step = async <T,>(work: Promise<T>): Promise<T> => {
    setBusy(true);
    setError(null);
    try {
      return await work;
    } finally {
      setBusy(false);
    }
  };

  const choose = async () => {
    setNotice(null);
    setCheck(null);
    const r = await step(open());
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') {
        setError(r.error);
        setPreview(null);
      }
      return;
    }
    setPreview(r.value);
    setMapping(r.value.suggested);
  };

  const runCheck = async () => {
    if (!source) return;
    const r = await step(checkFile(mapping, source));
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  };

  const commit = async () => {
    if (!source) return;
    const r = await step(commitFile(mapping, source));
    if (!r.ok) return setError(r.error);
    setNotice(
      t('salesImport.done', {
        imported: r.value.imported,
        matched: r.value.matched,
        anonymous: r.value.anonymous,
        already: r.value.alreadyImported,
        refused: r.value.refused,
      }),
    );
    setPreview(null);
    setCheck(null);
  };

  const setTarget = (target: SalesTarget, value: string) => {
    const next = { ...mapping };
    if (value === '') delete next[target];
    else next[target] = Number(value);
    setMapping(next);
    setCheck(null);
  };

  const ready = source !== '' && [...REQUIRED].every((r) => mapping[r] !== undefined);
  const toImport = check ? check.matched + check.anonymous : 0;

  return (
    <div className="inline-form wide" data-testid="sales-import">
      <h2>{t('salesImport.title')}</h2>
      <p className="muted small">{t('salesImport.intro')}</p>
      <ErrorBanner error={error} />
      {notice && <Notice tone="ok">{notice}</Notice>}
      <div className="actions actions-left sales-choose">
        <label className="field">
          <span>{t('salesImport.source')}</span>
          <select
            name="sales-source"
            value={source}
            onChange={(e) => {
              setSource(e.target.value as SalesSource | '');
              setCheck(null);
            }}
          >
            <option value="">{t('salesImport.sourceChoose')}</option>
            {SALES_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`salesImport.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <Button onClick={() => void choose()} disabled={busy}>
          {t('salesImport.choose')}
        </Button>
        {busy && (
          <Button className="btn-danger" onClick={() => void cancel()}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
      {progress && <SalesProgress progress={progress} />}
      {preview && (
        <>
          <p className="small" data-testid="sales-file">
            {t('salesImport.file', { name: preview.fileName, rows: preview.rowCount })}
          </p>
          <h3>{t('salesImport.mapping')}</h3>
          <div className="mapping-grid">
            {SALES_TARGETS.map((target) => (
              <label key={target} className="field">
                <span>
                  {t(`salesImport.targets.${target}`)}
                  {REQUIRED.has(target) ? ` ${t('salesImport.required')}` : ''}
                </span>
                <select
                  name={`sales-map-${target}`}
                  value={mapping[target] ?? ''}
                  onChange={(e) => setTarget(target, e.target.value)}
                >
                  <option value="">{t('salesImport.ignore')}</option>
                  {preview.headers.map((h, i) => (
                    <option key={i} value={i}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <h3>{t('salesImport.preview')}</h3>
          <div className="table-scroll" tabIndex={0} aria-label={t('salesImport.preview')}>
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
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions actions-left">
            <Button onClick={() => void runCheck()} busy={busy && !check} disabled={busy || !ready}>
              {t('salesImport.check')}
            </Button>
            {check && toImport > 0 && (
              <Button className="btn-primary" onClick={() => void commit()} busy={busy} disabled={busy}>
                {t('salesImport.commit', { count: toImport })}
              </Button>
            )}
          </div>
          {check && <SalesCheckSummary check={check} lang={lang} />}
        </>
      )}
    </div>
  );
}

function SalesCheckSummary({ check, lang }: { check: SalesCheck; lang: Language }) {
  const { t } = useTranslation();
  return (
    <div data-testid="sales-check">
      <Notice tone={check.refusedCount ? 'warn' : 'ok'}>
        <strong>{t('salesImport.checked', { total: check.total })}</strong>
        <ul className="sales-counts">
          <li>{t('salesImport.matched', { count: check.matched })}</li>
          <li>{t('salesImport.anonymous', { count: check.anonymous })}</li>
          <li>{t('salesImport.already', { count: check.alreadyImported })}</li>
          {check.merged > 0 && <li>{t('salesImport.merged', { count: check.merged })}</li>}
          <li>{t('salesImport.refused', { count: check.refusedCount })}</li>
        </ul>
        {check.matched + check.anonymous === 0 && <p>{t('salesImport.nothing')}</p>}
      </Notice>
      {check.refused.length > 0 && (
        <table className="table small" data-testid="sales-refused">
          <thead>
            <tr>
              <th>{t('salesImport.row')}</th>
              <th>{t('salesImport.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {check.refused.slice(0, SHOWN_REFUSED).map((r, i) => (
              <tr key={i}>
                <td>{r.row}</td>
                <td>{salesProblemText(r.code, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {check.refusedCount > SHOWN_REFUSED && (
        <p className="muted small">
          {t('salesImport.moreRefused', { count: check.refusedCount - SHOWN_REFUSED })}
        </p>
      )}
    </div>
  );
}

function SalesProgress({ progress }: { progress: ImportProgress }) {
  const { t } = useTranslation();
  const percent = Math.round((progress.done / Math.max(1, progress.total)) * 100);
  const label =
    progress.phase === 'reading'
      ? t('salesImport.progressReading', { percent })
      : t(progress.phase === 'checking' ? 'salesImport.progressChecking' : 'salesImport.progressWriting', {
          done: progress.done,
          total: progress.total,
        });
  return <ProgressBar done={progress.done} total={progress.total} label={label} />;
}
