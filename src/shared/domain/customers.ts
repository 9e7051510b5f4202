import type { ConsentState } from './consent';
import type { DeletionSchedule } from './retention';

export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

export interface CustomerInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  notes?: string | null;
  /** YYYY-MM-DD */
  birthday?: string | null;
  gender?: Gender | null;
  tags?: string[] | null;
  isMinor?: boolean;
  guardianName?: string | null;
  /** The user saw the sensitive-data warning and saves anyway (unless the owner hard-blocks). */
  acknowledgeSensitive?: boolean;
}

export interface Customer {
  id: number;
  name: string;
  /** Display form, e.g. 0812-3456-7890; masked (0812-****-7890) when `phoneMasked`. */
  phone: string | null;
  /** Null when the phone is masked for the viewer's role. */
  phoneE164: string | null;
  /** The viewer's role sees the phone masked; customers:revealPhone shows it (counted, audited). */
  phoneMasked?: boolean;
  /** The phone is a mobile WhatsApp can reach (a landline gets no wa.me link or receipt). */
  whatsapp: boolean;
  email: string | null;
  address: string | null;
  notes: string | null;
  birthday: string | null;
  gender: Gender | null;
  tags: string[];
  isMinor: boolean;
  guardianName: string | null;
  restricted: boolean;
  createdAt: number;
  updatedAt: number;
  lastActivityAt: number;
  /** Current state per purpose, derived from the consent ledger. */
  consents: ConsentState[];
  /** When and why this customer will be erased (the deletion schedule). */
  deletion: DeletionSchedule;
  /** Someone with this phone or email was erased before (when): ask for consent anew. */
  erasedBefore: number | null;
  /**
   * When the customer's own WhatsApp message proved this phone number theirs (null: not proven,
   * or the number changed since).
   */
  phoneConfirmedAt?: number | null;
}

/** The fields of a customer the form edits (customers:update sends some or all of them). */
export const EDITABLE_CUSTOMER_FIELDS = [
  'name',
  'phone',
  'email',
  'address',
  'notes',
  'birthday',
  'gender',
  'tags',
  'isMinor',
  'guardianName',
] as const;
export type EditableCustomerField = (typeof EDITABLE_CUSTOMER_FIELDS)[number];

/**
 * What saving an edit answers: the fields the form sent, as stored (the phone formatted), and
 * the dates the save moved. Never a field the form did not send: an edit is not a way to read a
 * record (the screen already holds the rest from its one counted, audited view).
 */
export type CustomerSaved = Pick<Customer, 'id' | 'updatedAt' | 'lastActivityAt' | 'deletion'> &
  Partial<Pick<Customer, EditableCustomerField | 'phoneE164' | 'phoneMasked' | 'erasedBefore'>>;

export interface CustomerListItem {
  id: number;
  name: string;
  /** Masked (0812-****-7890) for roles without full view. */
  phone: string | null;
  lastActivityAt: number;
}
