import type { HandlerDeps } from './deps';

/** The second counter's settings, the owner's on the primary only (primaryOnly in the contract). */
export function registerLanHandlers({ router: r, lan }: Pick<HandlerDeps, 'router' | 'lan'>): void {
  r.handle('lan:status', () => lan.status());
  r.handle(
    'lan:enable',
    async (ctx, input) => {
      ctx.auditDetail.enabled = input.enabled;
      if (!input.enabled) return lan.disable((write) => ctx.lastStep(write));
      const { identity, isNew } = await lan.identityToUse();
      ctx.auditDetail.newIdentity = isNew;
      return lan.enable(identity, isNew, (write) => ctx.lastStep(write));
    },
    { action: 'lan.enable' },
  );
  // Shown once; the entry says a code was issued, never the code.
  r.handle('lan:newCode', () => lan.newCode(), { action: 'lan.newCode' });
  r.handle('lan:devices', () => lan.devices());
  r.handle('lan:revoke', (_ctx, input) => lan.revoke(input.deviceId), {
    action: 'lan.revoke',
    target: (i) => i.deviceId,
  });
}
