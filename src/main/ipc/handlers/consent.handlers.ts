import {
  consentHistory,
  getPurpose,
  listPurposes,
  recordConsent,
  savePurpose,
} from '../../services/consent.service';
import { AppError } from '../../lib/app-error';
import { balanceOf } from '../../services/loyalty/ledger';
import { memberPurposeId } from '../../services/loyalty/purpose';
import { sessionOf } from './context';
import type { HandlerDeps } from './deps';

/** Purposes (the owner's) and each customer's consent to them (the counter's). */
export function registerConsentHandlers({
  router: r,
  vault,
  clock,
  usage,
}: Pick<HandlerDeps, 'router' | 'vault' | 'clock' | 'usage'>): void {
  const db = () => vault.requireDb();

  r.handle('purposes:list', () => listPurposes(db()));
  r.handle(
    'purposes:save',
    (_ctx, input) => {
      // The member purpose follows the programme (Settings -> Program member): switching it off
      // or changing its basis here would leave the programme on with no one able to be a member.
      if (input.id !== undefined && input.id === memberPurposeId(db())) {
        const now = getPurpose(db(), input.id);
        if (now.active !== input.active || now.legalBasis !== input.legalBasis || input.channel !== null)
          throw new AppError('CONFLICT', { reason: 'member_purpose_managed' });
      }
      return savePurpose(db(), input, clock.now());
    },
    {
      action: 'purposes.save',
      target: (_i, out) => (out ? String(out.id) : null),
    },
  );

  // Grant and withdraw are one ledger append each and return the new state, so the screen needs
  // no second read (which would log a second customer view).
  for (const [channel, action, audit] of [
    ['consent:grant', 'granted', 'consent.grant'],
    ['consent:withdraw', 'withdrawn', 'consent.withdraw'],
  ] as const) {
    r.handle(
      channel,
      (ctx, input) => {
        // A customer's consent is their personal data: deciding it counts as opening them.
        usage.view(sessionOf(ctx).user, input.customerId);
        ctx.auditDetail.purposeId = input.purposeId;
        ctx.auditDetail.method = input.method;
        // Leaving the member programme forfeits the points (the ledger goes): the log says how many.
        if (action === 'withdrawn' && input.purposeId === memberPurposeId(db()))
          ctx.auditDetail.pointsForfeited = balanceOf(db(), input.customerId);
        return recordConsent(db(), { ...input, action, actor: sessionOf(ctx).user.id, at: clock.now() });
      },
      { action: audit, target: (i) => String(i.customerId) },
    );
  }
  r.handle(
    'consent:history',
    (ctx, input) => {
      usage.view(sessionOf(ctx).user, input.customerId);
      return consentHistory(db(), input.customerId);
    },
    { action: 'consent.history', target: (i) => String(i.customerId) },
  );
}
