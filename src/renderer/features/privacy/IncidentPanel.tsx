import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATA_CATEGORIES,
  INCIDENT_CHECKS,
  INCIDENT_KINDS,
  INCIDENT_LATE_MS,
  type AffectedCustomer,
  type DataCategory,
  type Incident,
  type IncidentCheck,
  type IncidentKind,
  type IncidentWhatsApp,
} from '../../../shared/domain';
import { LANGUAGES, type Language } from '../../../shared/language';
import { DAY_MS, shopNowMinute } from '../../../shared/shop-time';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { fieldMessage, type UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useUsers } from '../users/users.store';
import { useIncidents } from './incident.store';
import { minuteAt } from './RequestForm';

/**
 * "Laporkan insiden": the guided breach response (UU PDP Art. 46). The 72-hour clock starts at
 * discovery; each step is one section, and main records and audits every one.
 */
export function IncidentPanel() {
  const { t } = useTranslation();
  const { incidents, load } = useIncidents();
  useEffect(() => {
    void load();
  }, [load]);
  const open = incidents.find((i) => i.status === 'open');
  return (
    <div className="incidents">
      {open ? <IncidentSteps incident={open} /> : <ReportForm />}
      {incidents.filter((i) => i.status === 'closed').length > 0 && (
        <>
          <h2>{t('incident.archive')}</h2>
          <ul className="request-list">
            {incidents
              .filter((i) => i.status === 'closed')
              .map((i) => (
                <li key={i.id} className="request-row">
                  #{i.id} {t(`incident.kinds.${i.kind}`)} ·{' '}
                  {t('incident.affectedCount', { count: i.affected ?? 0 })}
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ReportForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const create = useIncidents((s) => s.create);
  const [kind, setKind] = useState<IncidentKind>('lost_laptop');
  const [description, setDescription] = useState('');
  // Empty: not known (the notices say so). The owner may give an approximate time.
  const [happened, setHappened] = useState('');
  // Left untouched, discovery is now by main's clock (the 72 hours start there); the owner
  // back-dates it when the report comes late.
  const [discovered, setDiscovered] = useState(() => shopNowMinute());
  const [discoveredTouched, setDiscoveredTouched] = useState(false);
  const [lateReason, setLateReason] = useState('');
  // Discovery well before now: the 72 hours already run, and main asks why it is recorded only now.
  const [lateEntered, setLateEntered] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const late = lateEntered || Boolean(error?.details?.fields?.includes('lateReason'));
  const submit = async () => {
    const r = await create({
      kind,
      description,
      happenedAt: happened ? minuteAt(happened) : null,
      ...(discoveredTouched ? { discoveredAt: minuteAt(discovered) } : {}),
      ...(late ? { lateReason } : {}),
    });
    setError(r.ok ? null : r.error);
  };
  return (
    <div className="inline-form">
      <h2>{t('incident.report')}</h2>
      <p className="muted small">{t('incident.reportHelp')}</p>
      <label className="field">
        <span>{t('incident.kind')}</span>
        <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as IncidentKind)}>
          {INCIDENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`incident.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <Field
        label={t('incident.description')}
        name="description"
        multiline
        value={description}
        maxLength={2000}
        onChange={(e) => setDescription(e.target.value)}
      />
      <Field
        label={t('incident.happenedAt')}
        name="happenedAt"
        type="datetime-local"
        help={t('incident.happenedHelp')}
        value={happened}
        max={shopNowMinute()}
        onChange={(e) => setHappened(e.target.value)}
        invalid={fieldMessage(error, 'happenedAt', lang)}
      />
      <Field
        label={t('incident.discoveredAt')}
        name="discoveredAt"
        type="datetime-local"
        help={t('incident.discoveredHelp')}
        value={discovered}
        max={shopNowMinute()}
        onChange={(e) => {
          setDiscovered(e.target.value);
          setDiscoveredTouched(true);
          setLateEntered(minuteAt(e.target.value) < Date.now() - INCIDENT_LATE_MS);
        }}
        invalid={fieldMessage(error, 'discoveredAt', lang)}
      />
      {late && (
        <Field
          label={t('incident.lateReason')}
          name="lateReason"
          help={t('incident.lateHelp')}
          multiline
          value={lateReason}
          maxLength={500}
          onChange={(e) => setLateReason(e.target.value)}
          invalid={fieldMessage(error, 'lateReason', lang)}
        />
      )}
      <ErrorBanner error={error} />
      <Button className="btn-danger" onClick={() => void submit()}>
        {t('incident.start')}
      </Button>
    </div>
  );
}

function IncidentSteps({ incident }: { incident: Incident }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const { contain, rotate, scope, affected, notify, letters, whatsappList, markNotified, close } =
    useIncidents();
  const { users, load: loadUsers } = useUsers();
  const [error, setError] = useState<UiError>(null);
  const [disable, setDisable] = useState<string[]>([]);
  // Extra counters: cut every paired laptop off (they pair again with a new code).
  const [unpair, setUnpair] = useState(false);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [categories, setCategories] = useState<DataCategory[]>(['identity', 'contact']);
  const [people, setPeople] = useState<AffectedCustomer[]>([]);
  // The language of the letters and messages, per print (the screen's unless the owner picks).
  const [letterLang, setLetterLang] = useState<Language>(lang);
  const [printedLetters, setPrintedLetters] = useState<{ letters: number; remaining: number } | null>(null);
  const [waList, setWaList] = useState<{ items: IncidentWhatsApp[]; unreachable: number } | null>(null);
  const [waPicked, setWaPicked] = useState<number[]>([]);
  const [checks, setChecks] = useState<Partial<Record<IncidentCheck, boolean>>>({});
  const [notes, setNotes] = useState('');
  const [unnotifiedReason, setUnnotifiedReason] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);
  useEffect(() => {
    if (incident.scope) void affected(incident.id).then((r) => r.ok && setPeople(r.value.items));
  }, [incident, affected]);
  // A notice sent from the WhatsApp list shows as given there too.
  const markShown = (id: number) =>
    setWaList((l) => l && { ...l, items: l.items.map((i) => (i.id === id ? { ...i, notified: true } : i)) });
  const done = <T,>(r: { ok: true; value: T } | { ok: false; error: UiError }) => {
    setError(r.ok ? null : r.error);
    return r.ok;
  };
  const c = incident.containment;
  // Someone affected not yet told: closing needs the owner's reason (main decides and keeps it).
  const unnotified =
    people.some((p) => !p.notified) || Boolean(error?.details?.fields?.includes('unnotifiedReason'));

  return (
    <div className="incident" data-testid="incident">
      <Notice tone="warn">
        {t('incident.clock', { id: incident.id, when: formatDateTime(incident.dueAt, lang) })}
      </Notice>
      <p>
        <strong>{t(`incident.kinds.${incident.kind}`)}</strong> · {incident.description}
      </p>
      <p className="muted small" data-testid="incident-times">
        {t('incident.times', {
          happened:
            incident.happenedAt === null ? t('incident.unknown') : formatDateTime(incident.happenedAt, lang),
          discovered: formatDateTime(incident.discoveredAt, lang),
        })}
      </p>
      <ErrorBanner error={error} />

      <section className="step">
        <h2>{t('incident.steps.contain')}</h2>
        <p className="muted small">{t('incident.containHelp')}</p>
        {users
          .filter((u) => u.role === 'cashier' && u.active)
          .map((u) => (
            <label key={u.id} className="check">
              <input
                type="checkbox"
                checked={disable.includes(u.id)}
                onChange={(e) =>
                  setDisable(e.target.checked ? [...disable, u.id] : disable.filter((x) => x !== u.id))
                }
              />
              {t('incident.disableUser', { name: u.name })}
            </label>
          ))}
        <label className="check">
          <input type="checkbox" checked={unpair} onChange={(e) => setUnpair(e.target.checked)} />
          {t('incident.unpairDevices')}
        </label>
        <Button
          className="btn-small"
          onClick={() => void contain(incident.id, true, disable, unpair).then(done)}
        >
          {t('incident.endSessions')}
        </Button>
        {c.sessionsEnded !== undefined && <Notice tone="ok">{t('incident.contained')}</Notice>}
        <div className="inline-form">
          <Field
            label={t('incident.pin')}
            name="rotatePin"
            type="password"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
          <Button
            className="btn-small btn-danger"
            onClick={() =>
              void rotate(incident.id, pin).then((r) => {
                setPin('');
                if (done(r) && r.ok) {
                  setCode(r.value.recoveryCode);
                  setFolder(r.value.oldBackupsFolder);
                }
              })
            }
          >
            {t('incident.rotate')}
          </Button>
          {code && (
            <Notice tone="warn">
              {t('incident.newCode', { code })} {t('incident.oldBackups')}{' '}
              {folder ? t('incident.oldBackupsAt', { folder }) : ''}
            </Notice>
          )}
          {c.keyRotatedAt && !code && <Notice tone="ok">{t('incident.rotated')}</Notice>}
        </div>
      </section>

      <section className="step">
        <h2>{t('incident.steps.scope')}</h2>
        {DATA_CATEGORIES.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={categories.includes(k)}
              onChange={(e) =>
                setCategories(e.target.checked ? [...categories, k] : categories.filter((x) => x !== k))
              }
            />
            {t(`incident.categories.${k}`)}
          </label>
        ))}
        <Button
          className="btn-small"
          onClick={() => void scope({ id: incident.id, mode: 'all', categories }).then(done)}
        >
          {t('incident.scopeAll')}
        </Button>
        <div className="row doc-tools">
          <Field
            label={t('incident.from')}
            name="scopeFrom"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Field
            label={t('incident.to')}
            name="scopeTo"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <Button
            className="btn-small"
            disabled={!from || !to}
            onClick={() =>
              void scope({
                id: incident.id,
                mode: 'range',
                // Whole days of the shop's calendar, the end day included.
                from: minuteAt(from),
                to: minuteAt(to) + DAY_MS - 1,
                categories,
              }).then(done)
            }
          >
            {t('incident.scopeRange')}
          </Button>
        </div>
        {incident.affected !== null && (
          <p data-testid="incident-affected">{t('incident.affectedCount', { count: incident.affected })}</p>
        )}
      </section>

      {incident.scope && (
        <section className="step">
          <h2>{t('incident.steps.notify')}</h2>
          <div className="incident-tools">
            <label className="field">
              <span>{t('incident.letterLanguage')}</span>
              <select
                name="letterLanguage"
                value={letterLang}
                onChange={(e) => setLetterLang(e.target.value as Language)}
              >
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`incident.languages.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <Button
              className="btn-small"
              onClick={() =>
                void notify({ id: incident.id, to: 'authority', mode: 'print', language: letterLang }).then(
                  done,
                )
              }
            >
              {t('incident.authority')}
            </Button>
          </div>
          <p className="small">
            {t('incident.noticesDone', {
              customers: incident.notices.customers,
              authority: incident.notices.authority,
            })}
          </p>
          <div className="incident-tools">
            <Button
              className="btn-small btn-primary"
              disabled={!people.some((p) => !p.notified)}
              onClick={() =>
                void letters({ id: incident.id, language: letterLang }).then((r) => {
                  if (done(r) && r.ok && r.value.saved)
                    setPrintedLetters({ letters: r.value.letters, remaining: r.value.remaining });
                })
              }
            >
              {t('incident.allLetters', { count: people.filter((p) => !p.notified).length })}
            </Button>
            <Button
              className="btn-small"
              onClick={() =>
                void whatsappList({ id: incident.id, language: letterLang }).then((r) => {
                  if (done(r) && r.ok) {
                    setWaList(r.value);
                    setWaPicked(r.value.items.filter((i) => !i.notified).map((i) => i.id));
                  }
                })
              }
            >
              {t('incident.waList')}
            </Button>
          </div>
          {printedLetters && (
            <Notice tone="ok">
              {t('incident.lettersPrinted', { count: printedLetters.letters })}{' '}
              {printedLetters.remaining > 0 &&
                t('incident.lettersRemaining', { count: printedLetters.remaining })}
            </Notice>
          )}
          {waList && (
            <div className="wa-list" data-testid="incident-wa-list">
              <h3>{t('incident.waTitle')}</h3>
              <p className="muted small">
                {t('incident.waHelp')}{' '}
                {waList.unreachable > 0 && t('incident.waUnreachable', { count: waList.unreachable })}
              </p>
              <ul className="request-list">
                {waList.items.map((w) => (
                  <li key={w.id} className="request-row">
                    <label className="check">
                      <input
                        type="checkbox"
                        disabled={w.notified}
                        checked={w.notified || waPicked.includes(w.id)}
                        onChange={(e) =>
                          setWaPicked(
                            e.target.checked ? [...waPicked, w.id] : waPicked.filter((x) => x !== w.id),
                          )
                        }
                      />
                      <span>
                        {w.name} <span className="muted small">{w.hint}</span>
                        {w.notified ? ` · ${t('incident.notified')}` : ''}
                      </span>
                    </label>
                    <span className="row-actions">
                      <Button
                        className="btn-small"
                        aria-label={t('incident.waCopyFor', { name: w.name, hint: w.hint })}
                        onClick={() =>
                          void notify({
                            id: incident.id,
                            to: 'customer',
                            customerId: w.id,
                            mode: 'copy',
                            language: letterLang,
                          }).then((r) => done(r) && markShown(w.id))
                        }
                      >
                        {t('incident.waCopy')}
                      </Button>
                      <Button
                        className="btn-small"
                        aria-label={t('incident.waOpenFor', { name: w.name, hint: w.hint })}
                        onClick={() =>
                          void notify({
                            id: incident.id,
                            to: 'customer',
                            customerId: w.id,
                            mode: 'open',
                            language: letterLang,
                          }).then((r) => done(r) && markShown(w.id))
                        }
                      >
                        WhatsApp
                      </Button>
                    </span>
                  </li>
                ))}
              </ul>
              <Button
                className="btn-small btn-primary"
                disabled={waPicked.length === 0}
                onClick={() =>
                  void markNotified({ id: incident.id, customerIds: waPicked, channel: 'whatsapp' }).then(
                    (r) => {
                      if (done(r)) {
                        setWaList(null);
                        setWaPicked([]);
                      }
                    },
                  )
                }
              >
                {t('incident.waMark', { count: waPicked.length })}
              </Button>
            </div>
          )}
          <h3>{t('incident.perCustomer')}</h3>
          <ul className="request-list incident-people" data-testid="incident-people">
            {people.map((p) => (
              <li key={p.id} className="request-row">
                <span>
                  {p.name} <span className="muted small">{p.hint}</span>
                  {p.notified ? ` · ${t('incident.notified')}` : ''}
                </span>
                <span className="row-actions">
                  <Button
                    className="btn-small"
                    aria-label={t('incident.letterFor', { name: p.name, hint: p.hint })}
                    onClick={() =>
                      void notify({
                        id: incident.id,
                        to: 'customer',
                        customerId: p.id,
                        mode: 'print',
                        language: letterLang,
                      }).then(done)
                    }
                  >
                    {t('incident.letter')}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="step">
        <h2>{t('incident.steps.evaluate')}</h2>
        {INCIDENT_CHECKS.map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={checks[k] === true}
              onChange={(e) => setChecks({ ...checks, [k]: e.target.checked })}
            />
            {t(`incident.checks.${k}`)}
          </label>
        ))}
        <Field
          label={t('incident.notes')}
          name="notes"
          multiline
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
        {unnotified && (
          <Field
            label={t('incident.unnotifiedReason')}
            name="unnotifiedReason"
            help={t('incident.unnotifiedHelp')}
            multiline
            value={unnotifiedReason}
            maxLength={500}
            onChange={(e) => setUnnotifiedReason(e.target.value)}
            invalid={fieldMessage(error, 'unnotifiedReason', lang)}
          />
        )}
        <Button
          className="btn-primary"
          onClick={() =>
            void close({
              id: incident.id,
              checks,
              notes,
              ...(unnotified ? { unnotifiedReason } : {}),
            }).then(done)
          }
        >
          {t('incident.close')}
        </Button>
      </section>
    </div>
  );
}
