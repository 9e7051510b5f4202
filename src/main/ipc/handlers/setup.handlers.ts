import { AppError } from '../../lib/app-error';
import { recoveryCardHtml } from '../../services/recovery-card';
import { confirmRecovery, getMeta, recoveryPending } from '../../services/settings.service';
import { text } from '../../../shared/i18n/text';
import { formatRecoveryCode, normalizeRecoveryCode, recoveryGroup } from '../../vault/recovery-code';
import type { HandlerDeps } from './deps';

const CONFIRM_ATTEMPTS = 5;
const CONFIRM_WAIT_MS = 60_000;

/** First run: the vault, the owner, and the recovery code the owner must prove they kept. */
export function registerSetupHandlers({
  router: r,
  auth,
  lifecycle,
  vault,
  printer,
  clock,
  backups,
}: Pick<HandlerDeps, 'router' | 'auth' | 'lifecycle' | 'vault' | 'printer' | 'clock' | 'backups'>): void {
  r.handle(
    'setup:create',
    async (ctx, input) => {
      const result = await auth.setup({ ...input, language: lifecycle.language() });
      Object.assign(ctx.auditDetail, {
        kdfIterations: result.kdf.iterations,
        kdfMemoryKiB: result.kdf.memoryKiB,
      });
      // The new shop's entry is written before the owner is in (see auth:unlock).
      ctx.auditActor = result.user.id;
      ctx.lastStep(() => null);
      lifecycle.begin(ctx.windowId, result.user);
      const pending = lifecycle.setPendingRecovery(result.recoveryCode);
      return {
        recoveryCode: formatRecoveryCode(pending.code),
        confirmGroups: pending.groups,
        kdf: {
          memoryKiB: result.kdf.memoryKiB,
          iterations: result.kdf.iterations,
          unlockMs: result.unlockMs,
        },
      };
    },
    // Setting up refuses nothing secret (an existing shop, a weak PIN): only the new shop is an entry.
    { action: 'setup.create', failures: 'reported' },
  );
  r.handle('setup:recoveryCode', async () => {
    if (!lifecycle.recoveryPending()) throw new AppError('CONFLICT', { reason: 'already_confirmed' });
    // After a restart the first code is gone from memory: issue a new one rather than trust it was seen.
    let pending = lifecycle.getPendingRecovery();
    if (!pending) {
      pending = lifecycle.setPendingRecovery(await auth.reissueRecoveryCode());
      // Backups are keyed from the code: they follow the one the owner now writes down.
      const db = vault.requireDb();
      if (getMeta(db, 'backup_key')) backups.enable(normalizeRecoveryCode(pending.code));
    }
    const kdf = auth.kdfParams();
    return {
      recoveryCode: formatRecoveryCode(pending.code),
      confirmGroups: pending.groups,
      kdf: { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, unlockMs: 0 },
    };
  });
  r.handle(
    'setup:confirmRecovery',
    (ctx, input) => {
      const pending = lifecycle.getPendingRecovery();
      const db = vault.requireDb();
      if (!pending || !recoveryPending(db)) throw new AppError('CONFLICT', { reason: 'nothing_pending' });
      // Guessing two groups is 2^40 tries; still, after a few misses the owner must wait.
      const wait =
        pending.failures >= CONFIRM_ATTEMPTS
          ? pending.lastFailureAt + CONFIRM_WAIT_MS - clock.monotonic()
          : 0;
      if (wait > 0) throw new AppError('THROTTLED', { retryAfterMs: Math.ceil(wait) });
      const answered = new Map(input.answers.map((a) => [a.group, a.value]));
      // The whole answer must be the group: nothing before or after it.
      const wrong = pending.groups.filter((g) => {
        const typed = normalizeRecoveryCode(answered.get(g) ?? '');
        return typed.length !== 4 || typed !== recoveryGroup(pending.code, g);
      });
      if (wrong.length > 0) {
        pending.failures++;
        pending.lastFailureAt = clock.monotonic();
        throw new AppError('WRONG_RECOVERY_CODE', { fields: wrong.map((g) => `group${g}`) });
      }
      confirmRecovery(db);
      lifecycle.clearPendingRecovery();
      ctx.auditDetail.groupsChecked = pending.groups.length;
      return null;
    },
    { action: 'setup.confirmRecovery' },
  );
  r.handle(
    'setup:printRecoveryCard',
    async () => {
      const pending = lifecycle.getPendingRecovery();
      if (!pending) throw new AppError('CONFLICT', { reason: 'nothing_pending' });
      const html = recoveryCardHtml(
        pending.code,
        auth.shopName(),
        lifecycle.language(),
        new Date(clock.now()),
      );
      return printer.printToPdf(html, text('id', 'core.files.recoveryCard'));
    },
    { action: 'setup.printRecoveryCard' },
  );
}
