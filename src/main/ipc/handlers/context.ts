import { AppError } from '../../lib/app-error';
import type { HandlerContext } from '../router';

export function sessionOf(ctx: HandlerContext) {
  if (!ctx.session) throw new AppError('LOCKED');
  return ctx.session;
}
