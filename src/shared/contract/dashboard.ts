import { z } from 'zod';
import { DASHBOARD_LISTS, type DashboardPage, type DashboardSummary } from '../domain/dashboard';
import { channel, type ChannelPart } from './channel';
import { sendingPage } from './audience';

/** "Not seen for N weeks": the owner picks N (a week to two years). */
export const lapsedWeeks = z.number().int().min(1).max(104).default(8);

/**
 * The owner's "Pelanggan" view: figures computed on the long-job worker, and its two WhatsApp lists
 * (birthdays this week, not seen for N weeks), which hold only customers in the WhatsApp audience.
 * Both read every customer: owner only, as the marketing audiences are.
 */
export const dashboardChannels = {
  'dashboard:summary': channel<DashboardSummary>()({
    input: z.object({ lapsedWeeks }).strict(),
    permission: 'customers.bulk',
    writes: false,
  }),
  'dashboard:list': channel<DashboardPage>()({
    input: z
      .object({
        list: z.enum(DASHBOARD_LISTS),
        lapsedWeeks,
        ...sendingPage,
      })
      .strict(),
    permission: 'customers.bulk',
    writes: false,
  }),
} as const satisfies ChannelPart;
