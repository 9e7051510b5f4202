import { audienceCsv, audienceLink, listAudience, markSent } from '../../services/audience.service';
import { text } from '../../../shared/i18n/text';
import { sessionOf } from './context';
import { fileStamp, type HandlerDeps } from './deps';

/** Marketing audiences: only customers whose consent for the channel stands now (owner, audited). */
export function registerAudienceHandlers({
  router: r,
  vault,
  files,
  clock,
  handoff,
}: Pick<HandlerDeps, 'router' | 'vault' | 'files' | 'clock' | 'handoff'>): void {
  const db = () => vault.requireDb();
  r.handle(
    'audience:list',
    (ctx, input) => {
      const page = listAudience(
        db(),
        input.channel,
        input.message,
        input.offset,
        input.limit,
        input.unsentOnly,
      );
      Object.assign(ctx.auditDetail, {
        channel: input.channel,
        count: page.items.length,
        unsentOnly: input.unsentOnly,
      });
      return page;
    },
    { action: 'audience.view' },
  );
  r.handle(
    'audience:export',
    async (ctx, input) => {
      const { csv, count } = audienceCsv(db(), input.channel, input.message);
      const { saved } = await files.saveFile(
        ctx.windowId,
        text('id', 'core.files.audience', { channel: input.channel, day: fileStamp(clock) }),
        csv,
      );
      Object.assign(ctx.auditDetail, { channel: input.channel, count, saved });
      return { saved, count };
    },
    { action: 'audience.export' },
  );
  r.handle(
    'audience:whatsapp',
    async (ctx, input) => {
      const link = audienceLink(db(), input.customerId, input.message);
      ctx.auditDetail.mode = input.mode;
      if (input.mode === 'open') {
        await handoff.openWhatsApp(ctx.windowId, link);
        // Opening the chat with the message is sending it, for the owner's list: marked sent,
        // in one commit with the call's entry.
        return ctx.lastStep(() => {
          markSent(db(), { ...input, sent: true }, sessionOf(ctx).user.id, clock.now());
          ctx.auditDetail.markedSent = true;
          return { done: true as const };
        });
      }
      handoff.copyText(ctx.windowId, link);
      return { done: true as const };
    },
    { action: 'audience.whatsapp', target: (i) => String(i.customerId) },
  );
  r.handle(
    'audience:markSent',
    (ctx, input) => {
      ctx.auditDetail.sent = input.sent;
      return { sentAt: markSent(db(), input, sessionOf(ctx).user.id, clock.now()) };
    },
    { action: 'audience.markSent', target: (i) => String(i.customerId) },
  );
}
