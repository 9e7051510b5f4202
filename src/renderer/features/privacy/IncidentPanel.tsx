import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DATA_CATEGORIES,
  INCIDENT_CHECKS,
  INCIDENT_KINDS,
  type DataCategory,
  type Incident,
  type IncidentCheck,
  type IncidentKind,
} from '../../../shared/domain';
import type { Language } from '../../../shared/language';
import { Button, ErrorBanner, Field, Notice } from '../../components/ui';
import { fieldMessage, type UiError } from '../../lib/client';
import { formatDateTime } from '../../lib/format';
import { useUsers } from '../users/users.store';
import { useIncidents } from './incident.store';
import { localMinute } from './RequestForm';

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
  const [discovered, setDiscovered] = useState(() => localMinute(new Date()));
  const [discoveredTouched, setDiscoveredTouched] = useState(false);
  const [error, setError] = useState<UiError>(null);
  const submit = async () => {
    const r = await create({
      kind,
      description,
      happenedAt: happened ? new Date(happened).getTime() : null,
      ...(discoveredTouched ? { discoveredAt: new Date(discovered).getTime() } : {}),
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
        max={localMinute(new Date())}
        onChange={(e) => setHappened(e.target.value)}
        invalid={fieldMessage(error, 'happenedAt', lang)}
      />
      <Field
        label={t('incident.discoveredAt')}
        name="discoveredAt"
        type="datetime-local"
        help={t('incident.discoveredHelp')}
        value={discovered}
        max={localMinute(new Date())}
        onChange={(e) => {
          setDiscovered(e.target.value);
          setDiscoveredTouched(true);
        }}
        invalid={fieldMessage(error, 'discoveredAt', lang)}
      />
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
  const { contain, rotate, scope, affected, notify, close } = useIncidents();
  const { users, load: loadUsers } = useUsers();
  const [error, setError] = useState<UiError>(null);
  const [disable, setDisable] = useState<string[]>([]);
  const [pin, setPin] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [categories, setCategories] = useState<DataCategory[]>(['identity', 'contact']);
  const [people, setPeople] = useState<
    { id: number; name: string; phone: string | null; notified: boolean }[]
  >([]);
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
        <Button className="btn-small" onClick={() => void contain(incident.id, true, disable).then(done)}>
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
                // Whole days on the laptop's calendar, the end day included.
                from: new Date(`${from}T00:00:00`).getTime(),
                to: new Date(`${to}T00:00:00`).getTime() + 86_400_000 - 1,
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
          <Button
            className="btn-small"
            onClick={() => void notify({ id: incident.id, to: 'authority', mode: 'print' }).then(done)}
          >
            {t('incident.authority')}
          </Button>
          <p className="small">
            {t('incident.noticesDone', {
              customers: incident.notices.customers,
              authority: incident.notices.authority,
            })}
          </p>
          <ul className="request-list">
            {people.map((p) => (
              <li key={p.id} className="request-row">
                <span>
                  {p.name} {p.notified ? `· ${t('incident.notified')}` : ''}
                </span>
                <span className="row-actions">
                  <Button
                    className="btn-small"
                    onClick={() =>
                      void notify({ id: incident.id, to: 'customer', customerId: p.id, mode: 'print' }).then(
                        done,
                      )
                    }
                  >
                    {t('incident.letter')}
                  </Button>
                  {p.phone && (
                    <Button
                      className="btn-small"
                      onClick={() =>
                        void notify({ id: incident.id, to: 'customer', customerId: p.id, mode: 'open' }).then(
                          done,
                        )
                      }
                    >
                      WhatsApp
                    </Button>
                  )}
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
