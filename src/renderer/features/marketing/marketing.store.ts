import { create } from 'zustand';
import type { AudiencePage, MarketingChannel } from '../../../shared/domain';
import type { Result } from '../../../shared/errors';
import { call } from '../../lib/client';

interface MarketingState {
  /** Who is in the audience is decided in main (consent granted now, not restricted). */
  list(channel: MarketingChannel, message: string, unsentOnly?: boolean): Promise<Result<AudiencePage>>;
  exportCsv(channel: MarketingChannel, message: string): Promise<Result<{ saved: boolean; count: number }>>;
  /** Main checks consent again, builds the link, and opens WhatsApp (marked sent) or copies it. */
  whatsapp(customerId: number, message: string, mode: 'open' | 'copy'): Promise<Result<unknown>>;
  /** The owner's own mark: this message sent to the customer, or not after all. */
  markSent(customerId: number, message: string, sent: boolean): Promise<Result<{ sentAt: number | null }>>;
}

export const useMarketing = create<MarketingState>(() => ({
  list: (channel, message, unsentOnly = false) =>
    call('audience:list', { channel, message, unsentOnly, offset: 0, limit: 200 }),
  exportCsv: (channel, message) => call('audience:export', { channel, message }),
  whatsapp: (customerId, message, mode) => call('audience:whatsapp', { customerId, message, mode }),
  markSent: (customerId, message, sent) => call('audience:markSent', { customerId, message, sent }),
}));
