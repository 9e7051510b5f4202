/** Customers' requests (Art. 5-14): what they may ask, and how they asked. */
export const REQUEST_TYPES = [
  'information',
  'access',
  'correction',
  'erasure',
  'withdrawal',
  'restriction',
  'portability',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_CHANNELS = ['in_person', 'whatsapp', 'phone', 'letter'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type RequestStatus = 'open' | 'done' | 'refused';
/** How a request is fulfilled; each type allows only its own (requests.ts). */
export const REQUEST_ACTIONS = [
  'access_report',
  'portability_export',
  'erase',
  'withdraw',
  'restrict',
  'lift_restriction',
  'done',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
/** The fulfilments each type of request allows ("done": the owner did it and says what). */
export const REQUEST_FULFILMENTS: Record<RequestType, readonly RequestAction[]> = {
  information: ['done'],
  access: ['access_report', 'done'],
  correction: ['done'],
  erasure: ['erase', 'done'],
  withdrawal: ['withdraw', 'done'],
  restriction: ['restrict', 'lift_restriction'],
  portability: ['portability_export', 'done'],
  objection: ['done'],
};
/** Fulfilments that work on a customer's data, so need a customer. */
export const FULFILMENTS_ON_DATA: ReadonlySet<RequestAction> = new Set<RequestAction>([
  'access_report',
  'portability_export',
  'erase',
  'withdraw',
  'restrict',
  'lift_restriction',
]);

export interface RightsRequest {
  id: number;
  type: RequestType;
  /** The customer, or null: not a customer (requester names them), or erased since. */
  customerId: number | null;
  customerRef: number | null;
  customerName: string | null;
  requester: string | null;
  details: string | null;
  receivedAt: number;
  /** 3 x 24 hours after receipt. */
  dueAt: number;
  channel: RequestChannel;
  verifiedBy: string | null;
  verification: string;
  status: RequestStatus;
  /** How it was fulfilled (null while open or when refused). */
  action: RequestAction | null;
  /** What was done in the owner's words, or the reason for a refusal. */
  outcome: string | null;
  closedAt: number | null;
  closedBy: string | null;
  createdBy: string | null;
  /** Why it is recorded as received well before it was typed in (the owner's words), or null. */
  receivedReason: string | null;
  /** Refused in bulk by the owner as part of a flood of requests that were not genuine. */
  dismissed: boolean;
}

export interface RequestsSummary {
  open: number;
  /** Open and due within 24 hours. */
  dueSoon: number;
  overdue: number;
  /** The open request due first. */
  nextDueAt: number | null;
}
