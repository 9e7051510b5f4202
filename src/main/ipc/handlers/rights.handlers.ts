import { DEFAULT_LANGUAGE, type Language } from '../../../shared/language';
import { AppError } from '../../lib/app-error';
import {
  getDoc,
  listVersions,
  posterOf,
  refreshNotice,
  refreshRecord,
  staleConsents,
} from '../../services/rights/documents';
import { customerPhone } from '../../services/customers.service';
import { answerAddressee, answerText } from '../../services/rights/answer';
import { letterParts } from '../../services/rights/letter';
import { docFooter, docHtml } from '../../services/rights/print';
import {
  applyAndClose,
  checkFulfil,
  correctionEdits,
  createRequest,
  dismissRequests,
  getRequest,
  listRequests,
  refuse,
  requestsSummary,
} from '../../services/rights/requests';
import { waLink } from '../../services/whatsapp';
import { posterJoin } from '../../services/join.service';
import { text } from '../../../shared/i18n/text';
import { sessionOf } from './context';
import { fileStamp, type HandlerDeps } from './deps';

/**
 * Transparency and customers' rights: the generated notice and record of processing,
 * and the requests register. Every status change is audited with the request's customer as the
 * target (so it appears in that customer's record of processing) and the request id in detail.
 */
export function registerRightsHandlers({
  router: r,
  vault,
  clock,
  files,
  handoff,
  retention,
  keyStore,
  lifecycle,
  usage,
  requestLimit,
  reports,
}: Pick<
  HandlerDeps,
  | 'router'
  | 'vault'
  | 'clock'
  | 'files'
  | 'handoff'
  | 'retention'
  | 'keyStore'
  | 'lifecycle'
  | 'usage'
  | 'requestLimit'
  | 'reports'
>): void {
  const db = () => vault.requireDb();
  const lang = () => lifecycle.language();
  const keystore = () => ({ backend: keyStore.backend(), isProtected: keyStore.isProtected() });
  /** The version in force is made (if the facts changed) before it is shown. */
  const current = (kind: 'notice' | 'record') =>
    kind === 'notice' ? refreshNotice(db(), clock.now()) : refreshRecord(db(), clock.now(), keystore());

  /** The poster's general QR (null while the shop has no WhatsApp number or no consent purpose). */
  const posterJoinBlock = (language: Language, version: number) => {
    const join = posterJoin(db(), language, version);
    return join
      ? {
          qrSvg: join.qrSvg,
          title: text(language, 'core.join.posterTitle'),
          steps: text(language, 'core.join.posterSteps'),
        }
      : undefined;
  };

  r.handle('docs:current', (_ctx, input) => getDoc(db(), input.kind, current(input.kind), lang()));
  r.handle('docs:get', (_ctx, input) => {
    current(input.kind);
    return getDoc(db(), input.kind, input.version, lang());
  });
  r.handle('docs:versions', (_ctx, input) => {
    current(input.kind);
    return listVersions(db(), input.kind);
  });
  r.handle(
    'docs:print',
    async (ctx, input) => {
      const version = input.version ?? current(input.kind);
      const poster = input.kind === 'notice' && input.format === 'poster';
      // The owner picks the language of each print (a customer may read the other one).
      const language = input.language ?? lang();
      const text = poster
        ? posterOf(db(), version, language)
        : getDoc(db(), input.kind, version, language).text;
      Object.assign(ctx.auditDetail, {
        kind: input.kind,
        version,
        format: poster ? 'poster' : 'full',
        language,
      });
      const name = `${input.kind === 'notice' ? (poster ? 'poster-privasi' : 'pemberitahuan-privasi') : 'catatan-pemrosesan'}-v${version}${language === DEFAULT_LANGUAGE ? '' : `-${language}`}.pdf`;
      return files.printToPdf(
        ctx.windowId,
        docHtml(text, language, {
          poster,
          join: poster ? posterJoinBlock(language, version) : undefined,
          footer: poster ? undefined : docFooter(input.kind, version, language),
        }),
        name,
      );
    },
    { action: 'docs.print' },
  );
  r.handle('docs:staleConsents', (_ctx, input) => {
    current('notice');
    return staleConsents(db(), input.offset, input.limit);
  });

  r.handle(
    'requests:create',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      // The answer names the customer: recording a request about one counts as opening them.
      if (input.customerId !== null) usage.view(user, input.customerId);
      const req = requestLimit.run(user, () => createRequest(db(), input, user.id, clock.now()));
      Object.assign(ctx.auditDetail, { request: req.id, type: req.type, channel: req.channel });
      // How long before its entry it was received (hours), not the owner's words (kept with it).
      if (req.receivedReason)
        ctx.auditDetail.backdatedHours = Math.floor((clock.now() - req.receivedAt) / 3_600_000);
      return req;
    },
    { action: 'request.create', target: (i, out) => (out?.customerId ?? i.customerId)?.toString() ?? null },
  );
  r.handle('requests:list', (_ctx, input) =>
    listRequests(db(), { status: input.status, customerId: input.customerId }, input.offset, input.limit),
  );
  r.handle('requests:get', (_ctx, input) => getRequest(db(), input.id));
  r.handle('requests:summary', () => requestsSummary(db(), clock.now()));

  r.handle(
    'requests:fulfil',
    async (ctx, input) => {
      const actor = sessionOf(ctx).user.id;
      const req = checkFulfil(db(), input.id, input.action, input.note);
      Object.assign(ctx.auditDetail, { request: req.id, type: req.type, action: input.action });
      if (input.language) ctx.auditDetail.language = input.language;
      ctx.auditTarget = req.customerId ? String(req.customerId) : null;
      const now = clock.now();
      if (input.action === 'access_report') {
        // Made on the worker, bounded (the newest rows and the totals): a long history never
        // freezes main or grows the report without end.
        const html = await reports.accessReport(
          req.customerId!,
          req.id,
          sessionOf(ctx).user.id,
          now,
          input.language ?? lang(),
        );
        const { saved } = await files.printToPdf(
          ctx.windowId,
          html,
          text('id', 'core.files.accessReport', { customer: req.customerId!, day: fileStamp(clock) }),
        );
        // Cancelled: nothing was handed over, the request stays open.
        if (!saved) return getRequest(db(), req.id);
      }
      if (input.action === 'portability_export') {
        const data = await reports.customerFiles(req.customerId!, now, input.language ?? lang());
        // One day for both files, even if the owner lingers in the first dialog past midnight.
        const day = fileStamp(clock);
        const name = (format: string) =>
          text('id', 'core.files.customerData', { customer: req.customerId!, day, format });
        const json = await files.saveFile(ctx.windowId, name('json'), data.json);
        if (!json.saved) return getRequest(db(), req.id);
        await files.saveFile(ctx.windowId, name('csv'), data.csv);
      }
      // The erasure, the closing and the call's entry commit together: a crash leaves either the
      // open request with its customer or the closed one with its entry.
      return ctx.lastStep(() => {
        if (input.action === 'erase') {
          retention.eraseNow(req.customerId!, 'request');
        }
        let note = input.note ?? null;
        if (req.type === 'correction' && req.customerId !== null) {
          // The correction itself is the customer's edit: link the edits made since the request.
          const edits = correctionEdits(db(), req.customerId, req.receivedAt);
          ctx.auditDetail.edits = edits;
          if (edits.length) {
            const entries = edits.map((id) => `#${id}`).join(', ');
            note = `${note ?? ''} ${text('id', 'core.requests.editsNote', { entries })}`.trim();
          }
        }
        applyAndClose(db(), req, input.action, note, actor, clock.now());
        return getRequest(db(), req.id);
      });
    },
    { action: 'request.fulfil' },
  );
  r.handle(
    'requests:refuse',
    (ctx, input) => {
      const req = getRequest(db(), input.id);
      ctx.auditTarget = req.customerId ? String(req.customerId) : null;
      refuse(db(), input.id, input.reason, sessionOf(ctx).user.id, clock.now());
      Object.assign(ctx.auditDetail, { request: req.id, type: req.type });
      return getRequest(db(), input.id);
    },
    { action: 'request.refuse' },
  );
  r.handle(
    'requests:dismiss',
    (ctx, input) => {
      const { dismissed, skipped } = dismissRequests(
        db(),
        input.ids,
        input.reason,
        sessionOf(ctx).user.id,
        clock.now(),
      );
      // One entry for the flood: which requests, not the reason (kept with each of them).
      Object.assign(ctx.auditDetail, { requests: dismissed, count: dismissed.length, skipped });
      return { dismissed: dismissed.length, skipped };
    },
    { action: 'request.dismiss' },
  );
  r.handle(
    'requests:answer',
    async (ctx, input) => {
      const req = getRequest(db(), input.id);
      if (req.status === 'open') throw new AppError('CONFLICT', { reason: 'request_open' });
      // The letter's language is the owner's choice for this customer; the screen's by default.
      const language = input.language ?? lang();
      Object.assign(ctx.auditDetail, { request: req.id, mode: input.mode, language });
      ctx.auditTarget = req.customerId ? String(req.customerId) : null;
      const doc = answerText(db(), req, language);
      if (input.mode === 'print') {
        const letter = letterParts(
          db(),
          answerAddressee(db(), req, language),
          { userId: sessionOf(ctx).user.id, now: clock.now() },
          language,
        );
        return files.printToPdf(
          ctx.windowId,
          docHtml(doc, language, { letter }),
          text('id', 'core.files.requestAnswer', { request: req.id }),
        );
      }
      const phone = req.customerId ? customerPhone(db(), req.customerId) : null;
      if (!phone) throw new AppError('CONFLICT', { reason: 'answer_no_phone' });
      const message = [
        doc.title,
        doc.subtitle,
        ...doc.sections.flatMap((s) => [s.title, ...(s.paragraphs ?? [])]),
      ]
        .filter(Boolean)
        .join('\n');
      const link = waLink(phone, message);
      if (input.mode === 'open') await handoff.openWhatsApp(ctx.windowId, link);
      else handoff.copyText(ctx.windowId, link);
      return { saved: true };
    },
    { action: 'request.answer' },
  );
}
