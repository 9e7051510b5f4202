import { AppError } from '../../lib/app-error';
import type { Language } from '../../../shared/language';
import { phoneMaskedFor } from '../../../shared/roles';
import { customerContact } from '../../services/customers.service';
import { auditInTransaction } from '../../services/auditor';
import {
  affectedPage,
  authorityNotice,
  batchRecipients,
  closeIncident,
  createIncident,
  customerHint,
  customerNotice,
  customerShortMessage,
  getIncident,
  isAffected,
  listIncidents,
  mergeContainment,
  recordNotice,
  requireOpen,
  setScope,
  unnotifiedCount,
  affectedRows,
} from '../../services/breach/incidents';
import { reachesWhatsApp } from '../../services/phone';
import { docsHtml } from '../../services/rights/print';
import { getMeta, markRecoveryIncident } from '../../services/settings.service';
import { waLink } from '../../services/whatsapp';
import { text } from '../../../shared/i18n/text';
import { formatRecoveryCode, normalizeRecoveryCode } from '../../vault/recovery-code';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/**
 * Breach response (UU PDP Art. 46): what happened, contain, scope, notify, evaluate.
 * Owner only; each step audited with the incident's id.
 */
export function registerIncidentHandlers({
  router: r,
  vault,
  clock,
  auth,
  users,
  sessions,
  lifecycle,
  backups,
  printer,
  handoff,
  lan,
}: Pick<
  HandlerDeps,
  | 'lan'
  | 'router'
  | 'vault'
  | 'clock'
  | 'auth'
  | 'users'
  | 'sessions'
  | 'lifecycle'
  | 'backups'
  | 'printer'
  | 'handoff'
>): void {
  const db = () => vault.requireDb();
  // A notice is printed in the language the owner picked for it, else the screen's.
  const lang = (picked?: Language) => picked ?? lifecycle.language();
  /** Notices recorded together, each with its own audit entry (which customer, how). */
  const recordNotices = (
    incidentId: number,
    customerIds: number[],
    channel: 'letter' | 'whatsapp',
    actor: string,
  ) => {
    const d = db();
    const now = clock.now();
    d.transaction(() => {
      for (const customerId of customerIds) {
        recordNotice(d, incidentId, 'customer', customerId, channel, actor, now);
        auditInTransaction(d, {
          at: now,
          actor,
          action: 'incident.notify',
          target: String(incidentId),
          outcome: 'ok',
          detail: {
            to: 'customer',
            mode: channel === 'letter' ? 'print' : 'whatsapp',
            customer: customerId,
            batch: true,
          },
        });
      }
    })();
  };
  /** Up to this many letters go in one PDF; the owner prints the rest in the next. */
  const LETTERS_PER_PDF = 500;
  const audited = (action: string) => ({
    action,
    target: (i: { id?: number }) => (i.id ? String(i.id) : null),
  });

  r.handle(
    'incident:create',
    (ctx, input) => {
      const incident = createIncident(db(), input, sessionOf(ctx).user.id, clock.now());
      Object.assign(ctx.auditDetail, { incident: incident.id, kind: incident.kind });
      return incident;
    },
    { action: 'incident.create', target: (_i, out) => (out ? String(out.id) : null) },
  );
  r.handle('incident:list', () => listIncidents(db()));

  r.handle(
    'incident:contain',
    (ctx, input) => {
      requireOpen(db(), input.id);
      let ended = 0;
      if (input.endSessions) {
        // Every other window (another counter, a session someone left open) ends now.
        for (const [windowId] of sessions.entries()) {
          if (windowId === ctx.windowId) continue;
          lifecycle.lock(windowId, 'manual');
          ended++;
        }
      }
      for (const userId of input.disableUsers) {
        users.disable(userId);
        lifecycle.lockUser(userId, 'manual');
      }
      // Every paired laptop is unpaired and cut off at once (each must pair again).
      const unpaired = input.unpairDevices ? lan.unpairAll() : 0;
      Object.assign(ctx.auditDetail, {
        ended,
        disabled: input.disableUsers.length,
        ...(input.unpairDevices ? { devicesUnpaired: unpaired } : {}),
      });
      return mergeContainment(db(), input.id, {
        ...(input.endSessions ? { sessionsEnded: ended } : {}),
        ...(input.disableUsers.length ? { usersDisabled: input.disableUsers } : {}),
      });
    },
    audited('incident.contain'),
  );

  r.handle(
    'incident:rotateKey',
    async (ctx, input) => {
      requireOpen(db(), input.id);
      const backupsOn = Boolean(getMeta(db(), 'backup_key'));
      // Paired laptops' sessions end and their connections are cut before the key changes.
      ctx.auditDetail.remoteEnded = lan.endRemoteSessions();
      const { recoveryCode, shut } = await auth.rotateKey(sessionOf(ctx).user.id, input.pin);
      // Future backups open with the new code; old backup files still open with the old one.
      if (backupsOn) backups.enable(normalizeRecoveryCode(recoveryCode));
      lifecycle.setPendingRecovery(recoveryCode);
      // The code to confirm next is this incident's: the confirmation screen says so.
      markRecoveryIncident(db(), input.id);
      for (const [windowId] of sessions.entries())
        if (windowId !== ctx.windowId) lifecycle.lock(windowId, 'manual');
      Object.assign(ctx.auditDetail, { shut, backups: backupsOn });
      const incident = mergeContainment(db(), input.id, { keyRotatedAt: clock.now(), cashierPinsShut: shut });
      return {
        incident,
        recoveryCode: formatRecoveryCode(recoveryCode),
        shut,
        oldBackupsFolder: getMeta(db(), 'backup_folder') ?? null,
      };
    },
    audited('key.rotate'),
  );

  r.handle(
    'incident:scope',
    (ctx, input) => {
      const { id, ...scope } = input;
      const incident = setScope(db(), id, scope);
      Object.assign(ctx.auditDetail, { mode: scope.mode, affected: incident.affected });
      return incident;
    },
    audited('incident.scope'),
  );
  r.handle('incident:affected', (ctx, input) =>
    affectedPage(db(), input.id, input.offset, input.limit, phoneMaskedFor(sessionOf(ctx).user.role)),
  );

  r.handle(
    'incident:notify',
    async (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      const signer = { userId: actor, now: clock.now() };
      const incident = requireOpen(db(), input.id);
      if (!incident.scope) throw new AppError('CONFLICT', { reason: 'incident_no_scope' });
      Object.assign(ctx.auditDetail, { to: input.to, mode: input.mode, customer: input.customerId ?? null });
      if (input.to === 'authority') {
        if (input.mode !== 'print')
          throw new AppError('VALIDATION', { fields: ['mode'], reason: 'incident_form' });
        const { saved } = await printer.printToPdf(
          docsHtml([authorityNotice(db(), incident, signer, lang(input.language))], lang(input.language)),
          text('id', 'core.files.incidentAuthority', { incident: incident.id }),
        );
        // The notice recorded commits with the call's entry.
        return ctx.lastStep(() => {
          if (saved) recordNotice(db(), incident.id, 'authority', null, 'form', actor, clock.now());
          return getIncident(db(), incident.id);
        });
      }
      if (input.customerId === undefined || !isAffected(db(), incident, input.customerId)) {
        throw new AppError('NOT_FOUND', { reason: 'not_affected' });
      }
      const row = customerContact(db(), input.customerId)!;
      const language = lang(input.language);
      if (input.mode === 'print') {
        const notice = customerNotice(db(), incident, row, signer, language);
        const { saved } = await printer.printToPdf(
          docsHtml([notice], language),
          text('id', 'core.files.incidentCustomer', { incident: incident.id, customer: input.customerId }),
        );
        return ctx.lastStep(() => {
          if (saved)
            recordNotice(db(), incident.id, 'customer', input.customerId!, 'letter', actor, clock.now());
          return getIncident(db(), incident.id);
        });
      }
      if (!row.phone_e164) throw new AppError('CONFLICT', { reason: 'incident_no_phone' });
      const link = waLink(row.phone_e164, customerShortMessage(db(), incident, row.name, language));
      if (input.mode === 'open') await handoff.openWhatsApp(ctx.windowId, link);
      else handoff.copyText(ctx.windowId, link);
      return ctx.lastStep(() => {
        recordNotice(db(), incident.id, 'customer', input.customerId!, 'whatsapp', actor, clock.now());
        return getIncident(db(), incident.id);
      });
    },
    audited('incident.notify'),
  );

  r.handle(
    'incident:letters',
    async (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      const incident = requireOpen(db(), input.id);
      if (!incident.scope) throw new AppError('CONFLICT', { reason: 'incident_no_scope' });
      const rows = batchRecipients(db(), incident, input.customerIds, LETTERS_PER_PDF);
      if (rows.length === 0) throw new AppError('CONFLICT', { reason: 'incident_all_notified' });
      const language = lang(input.language);
      const signer = { userId: actor, now: clock.now() };
      const { saved } = await printer.printToPdf(
        docsHtml(
          rows.map((row) => customerNotice(db(), incident, row, signer, language)),
          language,
        ),
        text('id', 'core.files.incidentLetters', { incident: incident.id, letters: rows.length }),
      );
      // Only letters the owner saved count as given; they commit with the call's entry.
      return ctx.lastStep(() => {
        if (saved)
          recordNotices(
            incident.id,
            rows.map((r) => r.id),
            'letter',
            actor,
          );
        const after = getIncident(db(), incident.id);
        const remaining = unnotifiedCount(db(), after);
        Object.assign(ctx.auditDetail, { letters: rows.length, saved, language, remaining });
        return { incident: after, letters: rows.length, saved, remaining };
      });
    },
    audited('incident.letters'),
  );

  r.handle(
    'incident:whatsappList',
    (ctx, input) => {
      const incident = requireOpen(db(), input.id);
      if (!incident.scope) throw new AppError('CONFLICT', { reason: 'incident_no_scope' });
      const language = lang(input.language);
      const rows = affectedRows(db(), incident, { offset: 0, limit: 10_000 });
      const reached = rows.filter((r) => r.phone_e164 && reachesWhatsApp(r.phone_e164));
      const items = reached.slice(0, LETTERS_PER_PDF).map((r) => ({
        id: r.id,
        name: r.name,
        hint: customerHint(r),
        link: waLink(r.phone_e164!, customerShortMessage(db(), incident, r.name, language)),
        notified: r.notified === 1,
      }));
      // The owner sees these numbers whole, in the links: counted (never the numbers) in the log.
      Object.assign(ctx.auditDetail, { listed: items.length, unreachable: rows.length - reached.length });
      return { items, unreachable: rows.length - reached.length };
    },
    audited('incident.whatsappList'),
  );

  r.handle(
    'incident:markNotified',
    (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      const incident = requireOpen(db(), input.id);
      if (!incident.scope) throw new AppError('CONFLICT', { reason: 'incident_no_scope' });
      const rows = batchRecipients(db(), incident, input.customerIds, LETTERS_PER_PDF);
      // WhatsApp cannot have reached a landline or a customer with no phone: nothing is recorded.
      if (rows.some((r) => !r.phone_e164 || !reachesWhatsApp(r.phone_e164)))
        throw new AppError('CONFLICT', { reason: 'wa_not_mobile' });
      recordNotices(
        incident.id,
        rows.map((r) => r.id),
        input.channel,
        actor,
      );
      ctx.auditDetail.marked = rows.length;
      return getIncident(db(), incident.id);
    },
    audited('incident.markNotified'),
  );

  r.handle(
    'incident:close',
    (ctx, input) => {
      const incident = closeIncident(
        db(),
        input.id,
        { checks: input.checks, notes: input.notes, unnotifiedReason: input.unnotifiedReason },
        sessionOf(ctx).user.id,
        clock.now(),
      );
      ctx.auditDetail.checks = Object.values(input.checks).filter(Boolean).length;
      // How many were left un-notified, not the owner's words (kept with the incident).
      if (incident.evaluation?.unnotified)
        Object.assign(ctx.auditDetail, {
          unnotified: incident.evaluation.unnotified.count,
          reasonGiven: true,
        });
      return incident;
    },
    audited('incident.close'),
  );
}
