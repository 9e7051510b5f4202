import { create } from 'zustand';
import type { AudienceMember, MarketingChannel, Page } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface MarketingState {
  /** Who is in the audience is decided in main (consent granted now, not restricted). */
  list(channel: MarketingChannel, message: string): Promise<Result<Page<AudienceMember>>>;
  exportCsv(channel: MarketingChannel, message: string): Promise<Result<{ saved: boolean; count: number }>>;
  /** Main checks consent again, builds the link, and opens WhatsApp or copies it. */
  whatsapp(customerId: number, message: string, mode: 'open' | 'copy'): Promise<Result<unknown>>;
}

export const useMarketing = create<MarketingState>(() => ({
  list: (channel, message) => call('audience:list', { channel, message, offset: 0, limit: 200 }),
  exportCsv: (channel, message) => call('audience:export', { channel, message }),
  whatsapp: (customerId, message, mode) => call('audience:whatsapp', { customerId, message, mode }),
}));
