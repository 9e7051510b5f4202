import type { OptionalField } from './consent';

export interface ImportPreview {
  fileName: string;
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  headers: string[];
  /** First rows, for the mapping step; shown on screen only, never stored. */
  sample: string[][];
  rowCount: number;
  suggested: ImportMapping;
  /** Columns that look like fields the shop does not collect: left unmapped (switch one on to import it). */
  offFields: OptionalField[];
  /**
   * When the file was last changed (its modification time): its customers cannot have seen a
   * notice version made after it, so choosing one asks the owner to confirm.
   */
  modifiedAt: number;
}

export const IMPORT_TARGETS = [
  'name',
  'phone',
  'email',
  'address',
  'birthday',
  'gender',
  'notes',
  'tags',
  'consent_whatsapp',
  'consent_sms_email',
] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];
/** Target field -> column index in the file. */
export type ImportMapping = Partial<Record<ImportTarget, number>>;

export interface ImportRowError {
  /** 1-based line number in the file, counting the header as line 1. */
  row: number;
  field: ImportTarget | 'row';
  code:
    | 'missing_name'
    | 'invalid_phone'
    | 'phone_as_number'
    | 'duplicate_in_file'
    | 'duplicate_in_vault'
    | 'invalid_email'
    | 'invalid_birthday'
    | 'invalid_gender'
    | 'invalid_consent'
    | 'guardian_required'
    | 'too_long'
    | 'sensitive_notes';
  /** For duplicate_in_vault: the customer the row matches (on the owner's screen only). */
  match?: { id: number; name: string; fileName: string };
}

/** The fields a row already in the vault may fill where that customer's are empty. */
export const FILLABLE_FIELDS = ['email', 'address', 'notes', 'birthday', 'gender', 'tags'] as const;
export type FillableField = (typeof FILLABLE_FIELDS)[number];

/**
 * A row whose phone is a customer already, listed once: both names, and what filling would do.
 * fill: the same name, fills on "fill empty fields"; confirm: another name, fills only if the
 * owner confirms this very row; nothing: no empty field left to fill; invalid: the row has other
 * problems and never fills.
 */
export interface ImportInVaultRow {
  row: number;
  customerId: number;
  /** The customer's name (on the owner's screen only). */
  name: string;
  /** The row's name in the file. */
  fileName: string;
  status: 'fill' | 'confirm' | 'nothing' | 'invalid';
  /** The customer's empty fields this row would fill. */
  fields: FillableField[];
}

export interface ImportCheck {
  total: number;
  valid: number;
  errors: ImportRowError[];
  /** Every row whose phone is a customer already, in file order (each once). */
  inVault: ImportInVaultRow[];
  /**
   * Rows by kind, each the number of rows listed under it: ready to import, with problems (not in
   * the vault), in the vault (and those by status). ready + problems + inVault = total.
   */
  summary: {
    ready: number;
    problems: number;
    inVault: number;
    fill: number;
    confirm: number;
    nothing: number;
    invalid: number;
  };
  /** Valid rows whose phone or email matches someone erased before: ask them for consent anew. */
  previouslyErased: number;
  /** Rows already in the vault that could fill some of that customer's empty fields. */
  fillable: number;
  /** Consents the import will record (explicit yes only), by channel. */
  consents: { whatsapp: number; smsEmail: number };
}

/** The POS a sales export comes from: a receipt number is unique within one POS only. */
export const SALES_SOURCES = ['moka', 'majoo', 'pawoon', 'ireap', 'kasirpintar', 'other'] as const;
export type SalesSource = (typeof SALES_SOURCES)[number];

/** The columns a POS sales export is read from. */
export const SALES_TARGETS = ['date', 'receipt', 'customerPhone', 'total', 'items'] as const;
export type SalesTarget = (typeof SALES_TARGETS)[number];
export type SalesMapping = Partial<Record<SalesTarget, number>>;

export interface SalesPreview {
  fileName: string;
  format: 'csv' | 'xlsx';
  headers: string[];
  /** First rows, for the mapping step; shown on screen only, never stored. */
  sample: string[][];
  rowCount: number;
  suggested: SalesMapping;
}

/** Why a row of a sales export is not imported. */
export type SalesRowProblem =
  | 'missing_receipt'
  | 'bad_receipt'
  | 'bad_date'
  | 'future_date'
  | 'too_old'
  | 'bad_total'
  | 'receipt_conflict';

export interface SalesCheck {
  /** Data rows in the file. */
  total: number;
  /** Sales that will be kept on a customer's history (phone known, purpose allows it). */
  matched: number;
  /** Sales kept without a customer: no phone, an unknown phone, or no basis to link them. */
  anonymous: number;
  /** Receipts this POS already brought in (an earlier or overlapping export): skipped. */
  alreadyImported: number;
  /** Extra rows of a receipt already in the file (one line per item): folded into that sale. */
  merged: number;
  /** Rows not imported, with the spreadsheet's row number (first 200 only) and per problem. */
  refused: { row: number; code: SalesRowProblem }[];
  refusedCount: number;
  refusedBy: Partial<Record<SalesRowProblem, number>>;
}

export interface SalesResult {
  imported: number;
  matched: number;
  anonymous: number;
  alreadyImported: number;
  refused: number;
}

export interface ImportProgress {
  /** reading: done/total are percent of the file; checking and writing: rows. */
  phase: 'reading' | 'checking' | 'writing';
  done: number;
  total: number;
}
