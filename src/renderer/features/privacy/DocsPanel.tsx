import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTICE_OUTSIDE, type DocKind, type DocVersion, type DocVersionInfo } from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Notice } from '../../components/ui';
import type { UiError } from '../../lib/client';
import { formatShopDay } from '../../lib/format';
import { DocView } from './DocView';
import { usePrivacy } from './privacy.store';

/**
 * The privacy notice or the record of processing: the version in force, older versions as they
 * were, printing (A4, and the counter poster for the notice), and for the owner the customers
 * whose consent predates the last change to what they consented to.
 */
export function DocsPanel({ kind, isOwner }: { kind: DocKind; isOwner: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { doc, versions, print, stale } = usePrivacy();
  const [shown, setShown] = useState<DocVersion | null>(null);
  const [list, setList] = useState<DocVersionInfo[]>([]);
  const [staleInfo, setStaleInfo] = useState<{
    total: number;
    since: number | null;
    items: { id: number; name: string; version: number }[];
  } | null>(null);
  const [error, setError] = useState<UiError>(null);
  const [printed, setPrinted] = useState(false);
  // Each print's language: the screen's until the owner picks another (a customer may read the other).
  const [chosenLang, setPrintLang] = useState<Language | null>(null);
  const printLang = chosenLang ?? lang;

  useEffect(() => {
    void doc(kind).then((r) => (r.ok ? setShown(r.value) : setError(r.error)));
    void versions(kind).then((r) => r.ok && setList(r.value));
    if (isOwner && kind === 'notice') void stale().then((r) => r.ok && setStaleInfo(r.value));
    // The language is part of the text: read it again when it changes.
  }, [kind, isOwner, doc, versions, stale, lang]);

  const choose = async (version: number) => {
    setPrinted(false);
    const r = await doc(kind, version);
    if (r.ok) setShown(r.value);
    else setError(r.error);
  };
  const doPrint = async (format: 'full' | 'poster') => {
    if (!shown) return;
    setError(null);
    const r = await print(kind, shown.version, format, printLang);
    if (!r.ok) setError(r.error);
    else setPrinted(r.value.saved);
  };

  return (
    <div className="docs-panel">
      <p className="muted small">{t('privacy.doc.auto')}</p>
      <ErrorBanner error={error} />
      {printed && <Notice tone="ok">{t('privacy.doc.printed')}</Notice>}
      {staleInfo && staleInfo.total > 0 && staleInfo.since !== null && (
        <Notice tone="warn">
          {t('privacy.doc.stale', { count: staleInfo.total, since: staleInfo.since })}
          <ul className="stale-list" data-testid="stale-consents">
            {staleInfo.items.map((c) => (
              <li key={c.id}>
                {c.version === NOTICE_OUTSIDE
                  ? t('privacy.doc.staleItemOutside', { name: c.name })
                  : t('privacy.doc.staleItem', { name: c.name, version: c.version })}
              </li>
            ))}
          </ul>
          {staleInfo.total > staleInfo.items.length && (
            <span className="small">
              {t('privacy.doc.staleMore', { count: staleInfo.total - staleInfo.items.length })}
            </span>
          )}
        </Notice>
      )}
      <div className="row doc-tools">
        <label className="inline-label">
          {t('privacy.doc.version')}{' '}
          <select
            value={shown?.version ?? ''}
            onChange={(e) => void choose(Number(e.target.value))}
            aria-label={t('privacy.doc.version')}
          >
            {list.map((v, i) => (
              <option key={v.version} value={v.version}>
                {`v${v.version} · ${v.createdAt ? formatShopDay(v.createdAt, lang) : '—'}${i === 0 ? ` · ${t('privacy.doc.current')}` : ''}${v.touchesConsent ? ` · ${t('privacy.doc.touches')}` : ''}`}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <label className="inline-label">
          {t('privacy.doc.printLanguage')}{' '}
          <select
            value={printLang}
            onChange={(e) => setPrintLang(e.target.value as Language)}
            aria-label={t('privacy.doc.printLanguage')}
          >
            <option value="id">{t('privacy.doc.languageId')}</option>
            <option value="en">{t('privacy.doc.languageEn')}</option>
          </select>
        </label>
        <Button className="btn-small" onClick={() => void doPrint('full')}>
          {kind === 'notice' ? t('privacy.doc.printFull') : t('privacy.doc.print')}
        </Button>
        {kind === 'notice' && (
          <Button className="btn-small" onClick={() => void doPrint('poster')}>
            {t('privacy.doc.printPoster')}
          </Button>
        )}
      </div>
      {shown && <DocView text={shown.text} />}
    </div>
  );
}
