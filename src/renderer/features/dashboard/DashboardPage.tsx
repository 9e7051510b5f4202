import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from 'recharts';
import {
  DASHBOARD_LISTS,
  type DashboardList,
  type DashboardPage as ListPage,
  type DashboardSummary,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { LOCALES } from '../../../shared/i18n/locale';
import { fromShopIso, shopMonth } from '../../../shared/shop-time';
import { ErrorBanner, Field, Notice } from '../../components/ui';
import { formatDate, formatDateTime } from '../../lib/format';
import { useWhatsAppList, WhatsAppCells, WhatsAppHeads } from '../marketing/WhatsAppList';
import { useDashboard } from './dashboard.store';
import './dashboard.css';

/** The weeks an owner may pick for "not seen for N weeks". */
const WEEKS = [2, 4, 8, 12, 26, 52] as const;
const RETURNING = '#0e5a6b';
const NEW = '#7fb8c4';
/** The charts' height; their width is their card's (300 until it is measured). */
const CHART_HEIGHT = 190;

/**
 * The owner's "Pelanggan" dashboard. Main computes every figure (on its worker) and decides who
 * is on the two WhatsApp lists; the charts are drawn from those figures and every chart has its
 * numbers beside it in text (screen readers read the text, the chart is hidden from them).
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { summary: loadSummary, list: loadList, whatsapp } = useDashboard();
  const [weeks, setWeeks] = useState<number>(8);
  const [summary, setSummary] = useState<DashboardSummary | null>(null);
  const [tab, setTab] = useState<DashboardList>('birthdays');
  const [page, setPage] = useState<ListPage | null>(null);
  // `reads` is bumped after a send, and after a refusal (consent may have been withdrawn since the
  // list was shown): the list and the figures are read from main again.
  const wa = useWhatsAppList(whatsapp, { rereadOnRefusal: true });
  const { setError } = wa;

  useEffect(() => {
    void loadSummary(weeks).then((r) => (r.ok ? setSummary(r.value) : setError(r.error)));
  }, [weeks, wa.reads, loadSummary, setError]);

  useEffect(() => {
    const timer = setTimeout(() => {
      void loadList(tab, weeks, wa.message, wa.unsentOnly).then((r) =>
        r.ok ? setPage(r.value) : setError(r.error),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [tab, weeks, wa.message, wa.unsentOnly, wa.reads, loadList, setError]);

  const number = (n: number) => new Intl.NumberFormat(LOCALES[lang]).format(n);
  if (!summary)
    return (
      <section className="page">
        <h1>{t('dashboard.title')}</h1>
        <ErrorBanner error={wa.error} />
        {!wa.error && <p className="muted">{t('app.loading')}</p>}
      </section>
    );

  const months = summary.months.map((m) => ({
    ...m,
    label: shopMonth(m.month, lang),
    tick: shopMonth(m.month, lang, 'short', false),
  }));
  const thisMonth = months.at(-1)!;
  const lastMonth = months.at(-2)!;
  const notActive = t('dashboard.notActive');
  const share = (n: number) => (summary.customers ? Math.round((n / summary.customers) * 100) : 0);
  const coverage = summary.coverage.map((p) => ({ ...p, percent: share(p.granted) }));
  const sizes = { birthdays: summary.birthdays?.total ?? 0, lapsed: summary.lapsed.total };
  const day = (iso: string) => formatDate(fromShopIso(iso) ?? 0, lang);

  return (
    <section className="page dashboard">
      <div className="pane-head">
        <h1>{t('dashboard.title')}</h1>
        <span className="muted small">{t('dashboard.asOf', { when: formatDateTime(summary.at, lang) })}</span>
      </div>
      <p className="muted">{t('dashboard.intro')}</p>
      <ErrorBanner error={wa.error} />
      {wa.notice && <Notice tone="ok">{wa.notice}</Notice>}

      <ul className="tiles" aria-label={t('dashboard.figures')}>
        <Tile
          label={t('dashboard.returning')}
          value={number(thisMonth.returning)}
          sub={t('dashboard.lastMonth', { n: number(lastMonth.returning) })}
        />
        <Tile
          label={t('dashboard.new')}
          value={number(thisMonth.new)}
          sub={t('dashboard.lastMonth', { n: number(lastMonth.new) })}
        />
        <Tile
          label={t('dashboard.members')}
          value={summary.members === null ? notActive : number(summary.members)}
          sub={
            summary.members === null
              ? t('dashboard.membersOff')
              : t('dashboard.ofCustomers', { n: number(summary.customers) })
          }
        />
        <Tile
          label={t(summary.unit === 'stamps' ? 'dashboard.stamps' : 'dashboard.points')}
          value={summary.pointsOutstanding === null ? notActive : number(summary.pointsOutstanding)}
          sub={t('dashboard.pointsHelp')}
        />
        <Tile
          label={t('dashboard.rewards')}
          value={summary.rewardsRedeemed === null ? notActive : number(summary.rewardsRedeemed.thisMonth)}
          sub={
            summary.rewardsRedeemed === null
              ? t('dashboard.rewardsHelp')
              : t('dashboard.lastMonth', { n: number(summary.rewardsRedeemed.lastMonth) })
          }
        />
      </ul>

      <div className="charts">
        <figure className="card chart-card" data-testid="chart-months">
          <figcaption className="card-head">
            <h2>{t('dashboard.monthsTitle')}</h2>
          </figcaption>
          <div className="chart-body">
            <div aria-hidden="true" className="chart">
              <ChartBox>
                {(width) => (
                  <BarChart width={width} height={CHART_HEIGHT} data={months} accessibilityLayer={false}>
                    <CartesianGrid vertical={false} stroke="#d9dee4" />
                    <XAxis dataKey="tick" tick={{ fontSize: 11 }} interval={0} />
                    <YAxis allowDecimals={false} width={36} tick={{ fontSize: 11 }} />
                    <Bar
                      dataKey="returning"
                      stackId="m"
                      fill={RETURNING}
                      isAnimationActive={false}
                      maxBarSize={48}
                    />
                    <Bar dataKey="new" stackId="m" fill={NEW} isAnimationActive={false} maxBarSize={48} />
                  </BarChart>
                )}
              </ChartBox>
              <p className="legend">
                <span className="swatch" style={{ background: RETURNING }} /> {t('dashboard.legendReturning')}
                <span className="swatch" style={{ background: NEW }} /> {t('dashboard.legendNew')}
              </p>
            </div>
            <ul className="chart-numbers" data-testid="months-text">
              {months.map((m) => (
                <li key={m.month}>
                  <strong>{m.label}</strong>{' '}
                  {t('dashboard.monthLine', { returning: number(m.returning), new: number(m.new) })}
                </li>
              ))}
            </ul>
          </div>
        </figure>

        <figure className="card chart-card" data-testid="chart-coverage">
          <figcaption className="card-head">
            <h2>{t('dashboard.coverageTitle')}</h2>
          </figcaption>
          <div className="chart-body">
            <div aria-hidden="true" className="chart">
              <ChartBox>
                {(width) => (
                  <BarChart
                    width={width}
                    height={CHART_HEIGHT}
                    data={coverage}
                    layout="vertical"
                    accessibilityLayer={false}
                    margin={{ left: 8, right: 12 }}
                  >
                    <CartesianGrid horizontal={false} stroke="#d9dee4" />
                    <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
                    <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 11 }} />
                    <Bar dataKey="percent" fill={RETURNING} isAnimationActive={false} maxBarSize={28} />
                  </BarChart>
                )}
              </ChartBox>
            </div>
            <ul className="chart-numbers one-column" data-testid="coverage-text">
              {coverage.map((p) => (
                <li key={p.purposeId}>
                  <strong>{p.name}</strong>{' '}
                  {t('dashboard.coverageLine', {
                    granted: number(p.granted),
                    customers: number(summary.customers),
                    percent: p.percent,
                  })}
                </li>
              ))}
              {coverage.length === 0 && <li>{t('dashboard.noConsentPurposes')}</li>}
            </ul>
          </div>
        </figure>
      </div>

      <div className="card lists">
        <div className="card-head">
          <h2>{t('dashboard.listsTitle')}</h2>
        </div>
        <p className="muted small">{t('dashboard.listsIntro')}</p>
        <div className="row lists-controls">
          <div className="lang-switch" role="group" aria-label={t('dashboard.listsTitle')}>
            {DASHBOARD_LISTS.map((l) => (
              <button
                key={l}
                type="button"
                className={tab === l ? 'active' : ''}
                aria-pressed={tab === l}
                onClick={() => {
                  setTab(l);
                  wa.setNotice(null);
                }}
              >
                {t(`dashboard.lists.${l}`, { count: sizes[l] })}
              </button>
            ))}
          </div>
          <label className="weeks">
            {t('dashboard.weeksLabel')}{' '}
            <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))}>
              {WEEKS.map((w) => (
                <option key={w} value={w}>
                  {t('dashboard.weeks', { count: w })}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small" data-testid="list-about">
          {tab === 'birthdays'
            ? summary.birthdays
              ? t('dashboard.birthdaysAbout', {
                  from: day(summary.birthdays.from),
                  to: day(summary.birthdays.to),
                })
              : t('dashboard.birthdaysOff')
            : t('dashboard.lapsedAbout', { count: weeks, since: formatDate(summary.lapsed.since, lang) })}
        </p>
        <Field
          label={t('marketing.message')}
          name="message"
          multiline
          rows={2}
          help={t('marketing.messageHelp')}
          value={wa.message}
          maxLength={500}
          onChange={(e) => wa.setMessage(e.target.value)}
        />
        <label className="check tight unsent-only">
          <input
            type="checkbox"
            checked={wa.unsentOnly}
            onChange={(e) => wa.setUnsentOnly(e.target.checked)}
          />
          {t('marketing.unsentOnly')}
        </label>
        {/* Until the list is read: no empty table header standing where the names will be. */}
        {page === null ? null : page.items.length === 0 ? (
          <p className="empty">{t(`dashboard.empty.${tab}`)}</p>
        ) : (
          <table className="table" data-testid="dashboard-list">
            <thead>
              <tr>
                <th>{t('customers.name')}</th>
                <th>{t('customers.phone')}</th>
                <th>{tab === 'birthdays' ? t('dashboard.birthday') : t('dashboard.lastSeen')}</th>
                <WhatsAppHeads />
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td className="mono nowrap">{m.phone}</td>
                  <td>{tab === 'birthdays' ? m.birthday : formatDate(m.lastSeen, lang)}</td>
                  <WhatsAppCells member={m} onHandOff={(m, mode) => void wa.handOff(m, mode)} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}

function Tile({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <li className="tile">
      <span className="tile-label">{label}</span>
      <strong className="tile-value">{value}</strong>
      <span className="tile-sub">{sub}</span>
    </li>
  );
}

/** A chart as wide as the box it is in, drawn again when the box changes width. */
function ChartBox({ children }: { children(width: number): ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(300);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // No layout (a test's DOM): the first width stays.
    const measure = () => setWidth((w) => el.clientWidth || w);
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  return <div ref={box}>{children(width)}</div>;
}
