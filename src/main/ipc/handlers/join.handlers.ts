import { text } from '../../../shared/i18n/text';
import { phoneMaskedFor } from '../../../shared/roles';
import { AppError } from '../../lib/app-error';
import { confirmJoin, startJoin } from '../../services/join.service';
import {
  customerByMemberCode,
  memberCardHtml,
  memberCodeFor,
  memberListItem,
} from '../../services/member-card';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/** Joining by the customer's own WhatsApp (a one-time code), and the member card. */
export function registerJoinHandlers({
  router: r,
  vault,
  clock,
  usage,
  joinLimit,
  files,
  lifecycle,
  auth,
}: Pick<
  HandlerDeps,
  'router' | 'vault' | 'clock' | 'usage' | 'joinLimit' | 'files' | 'lifecycle' | 'auth'
>): void {
  const db = () => vault.requireDb();

  // Making a code works on the customer (counted as opening them); a cashier's codes are capped
  // per hour, which with the tries per code bounds the guesses they have.
  r.handle(
    'join:start',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      usage.view(user, input.customerId);
      Object.assign(ctx.auditDetail, { kind: input.kind, purposeIds: [...new Set(input.purposeIds)] });
      return joinLimit.run(user, () =>
        startJoin(db(), { ...input, actor: user.id, now: clock.now(), lang: lifecycle.language() }),
      );
    },
    { action: 'join.start', target: (i) => String(i.customerId) },
  );
  // A wrong code or sender is a denial in the log with the tries so far (AppError.audit); the
  // code and the number typed are never in it.
  r.handle(
    'join:confirm',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      usage.view(user, input.customerId);
      const out = confirmJoin(db(), { ...input, actor: user.id, now: clock.now() });
      Object.assign(ctx.auditDetail, {
        purposeIds: out.consents
          .filter((c) => c.method === 'whatsapp' && c.at === out.phoneConfirmedAt)
          .map((c) => c.purposeId),
        phoneConfirmed: true,
      });
      return out;
    },
    { action: 'join.confirm', target: (i) => String(i.customerId) },
  );

  r.handle(
    'members:card',
    async (ctx, input) => {
      const { user } = sessionOf(ctx);
      usage.view(user, input.customerId);
      const language = input.language ?? lifecycle.language();
      const code = ctx.lastStep(() => memberCodeFor(db(), input.customerId, user.id, clock.now()));
      return files.printToPdf(
        ctx.windowId,
        memberCardHtml(code, auth.shopName(), language),
        text('id', 'core.files.memberCard', { code }),
      );
    },
    { action: 'members.card', target: (i) => String(i.customerId) },
  );

  // A code scanned or typed at the counter: a search for the cashier's rate, and the member it
  // finds is opened (counted once per hour like any customer a cashier opens).
  r.handle(
    'members:find',
    (ctx, input) => {
      const { user } = sessionOf(ctx);
      usage.search(user);
      const id = customerByMemberCode(db(), input.code);
      if (id === null) throw new AppError('NOT_FOUND', { reason: 'member_code_unknown' });
      usage.view(user, id);
      ctx.auditTarget = String(id);
      return memberListItem(db(), id, phoneMaskedFor(user.role));
    },
    { action: 'members.find' },
  );
}
