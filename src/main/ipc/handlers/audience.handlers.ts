import { audienceCsv, audienceLink, listAudience } from '../../services/audience.service';
import { fileStamp, type HandlerDeps } from './deps';

/** Marketing audiences: only customers whose consent for the channel stands now (owner, audited). */
export function registerAudienceHandlers({
  router: r,
  vault,
  dialogs,
  clock,
  handoff,
}: Pick<HandlerDeps, 'router' | 'vault' | 'dialogs' | 'clock' | 'handoff'>): void {
  const db = () => vault.requireDb();
  r.handle(
    'audience:list',
    (ctx, input) => {
      const page = listAudience(db(), input.channel, input.message, input.offset, input.limit);
      Object.assign(ctx.auditDetail, { channel: input.channel, count: page.items.length });
      return page;
    },
    { action: 'audience.view' },
  );
  r.handle(
    'audience:export',
    async (ctx, input) => {
      const { csv, count } = audienceCsv(db(), input.channel, input.message);
      const { saved } = await dialogs.saveFile(`audiens-${input.channel}-${fileStamp(clock)}.csv`, csv);
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
      if (input.mode === 'open') await handoff.openWhatsApp(link);
      else handoff.copyText(link);
      return { done: true as const };
    },
    { action: 'audience.whatsapp', target: (i) => String(i.customerId) },
  );
}
