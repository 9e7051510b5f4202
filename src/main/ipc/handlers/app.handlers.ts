import type { HandlerDeps } from './deps';

/** What the lock screen needs before anyone logs in: status and language. */
export function registerAppHandlers({
  router: r,
  lifecycle,
}: Pick<HandlerDeps, 'router' | 'lifecycle'>): void {
  r.handle('app:status', (ctx) => lifecycle.status(ctx.windowId));
  r.handle('app:setLanguage', (_ctx, input) => {
    lifecycle.setLanguage(input.language);
    return null;
  });
}
