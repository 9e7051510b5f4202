import { create } from 'zustand';
import type { DashboardList, DashboardPage, DashboardSummary } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface DashboardState {
  /** The figures, computed by main on its worker (numbers only, no names). */
  summary(lapsedWeeks: number): Promise<Result<DashboardSummary>>;
  /** A WhatsApp list: who is on it is decided in main (WhatsApp consent granted now). */
  list(
    list: DashboardList,
    lapsedWeeks: number,
    message: string,
    unsentOnly: boolean,
  ): Promise<Result<DashboardPage>>;
  /** Main checks consent again, builds the link, and opens WhatsApp (marked sent) or copies it. */
  whatsapp(customerId: number, message: string, mode: 'open' | 'copy'): Promise<Result<unknown>>;
}

export const useDashboard = create<DashboardState>(() => ({
  summary: (lapsedWeeks) => call('dashboard:summary', { lapsedWeeks }),
  list: (list, lapsedWeeks, message, unsentOnly) =>
    call('dashboard:list', { list, lapsedWeeks, message, unsentOnly, offset: 0, limit: 200 }),
  whatsapp: (customerId, message, mode) => call('audience:whatsapp', { customerId, message, mode }),
}));
