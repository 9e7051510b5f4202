/**
 * Who may write each table of the vault: one module per table. Every other module reads it, or
 * calls a method of its owner; tests/main/table-owners.test.ts parses the SQL text of every file
 * under src/main and fails on an INSERT, UPDATE, DELETE or REPLACE of a table outside its owner,
 * on schema changes (CREATE, DROP, ALTER) outside the migrations, and on a table the migrations
 * create that this map does not name.
 *
 * Paths are relative to src/main. The migrations (vault/migrations) change the schema and seed
 * rows; they are the one place allowed to write any table.
 */
export const TABLE_OWNERS = {
  // A customer and their search-index row are written together: one writer keeps the index's
  // content (folded name, phone digits) defined once.
  customers: 'services/customers.repo.ts',
  customers_fts: 'services/customers.repo.ts',
  // The ledger and the state derived from it.
  consent_events: 'services/consent.service.ts',
  consent_state: 'services/consent.service.ts',
  // The customers' id counter (ids are never handed out twice).
  sqlite_sequence: 'services/customers.repo.ts',
  purposes: 'services/consent.service.ts',
  purchases: 'services/purchases.service.ts',
  pos_receipts: 'services/sales/sales-import.ts',
  products: 'services/products.service.ts',
  audience_sends: 'services/audience.service.ts',
  meta: 'services/settings.service.ts',
  field_settings: 'services/fields.service.ts',
  users: 'services/users.repo.ts',
  audit_log: 'services/audit.service.ts',
  deletion_ledger: 'services/retention/ledger.ts',
  requests: 'services/rights/requests.ts',
  documents: 'services/rights/documents.ts',
  incidents: 'services/breach/incidents.ts',
  incident_notices: 'services/breach/incidents.ts',
  briefing_acks: 'services/briefing.ts',
  // The second counter: the primary's identity, paired devices and remembered remote writes.
  lan_identity: 'services/lan/lan-store.ts',
  lan_devices: 'services/lan/lan-store.ts',
  lan_remembered: 'services/lan/lan-store.ts',
  // Consent and phone proven from the customer's WhatsApp; the member card's code.
  join_codes: 'services/join.service.ts',
  phone_confirmations: 'services/join.service.ts',
  member_codes: 'services/member-card.ts',
  // The member programme: its rewards, and the points ledger (never a stored balance).
  loyalty_rewards: 'services/loyalty/programme.ts',
  loyalty_ledger: 'services/loyalty/ledger.ts',
  // The dashboard's counted months. The vault's triggers on purchases (migration 0250) drop the
  // months a changed sale touches, move the generation and keep each customer's first standing
  // sale; this module only adds counted months.
  dashboard_months: 'services/dashboard/month-cache.ts',
  dashboard_sales_generation: 'services/dashboard/month-cache.ts',
  dashboard_first_sales: 'services/dashboard/month-cache.ts',
} as const satisfies Record<string, string>;

/**
 * Tables that live on one connection only (TEMP: in memory, never in the vault's file). Their
 * owner creates them and their triggers, and is the only module that writes them.
 */
export const TEMP_TABLE_OWNERS = {
  name_order_log: 'services/name-order.ts',
} as const satisfies Record<string, string>;

/**
 * Writes that are outside the owner on purpose. Each names the file, the table ('*' for a table
 * named at run time) and why no owner's method can do it.
 */
export const WRITE_EXCEPTIONS: readonly { file: string; table: string; why: string }[] = [
  {
    file: 'services/backup/carried-decisions.ts',
    table: '*',
    why:
      'A restore copies the rows decided since the backup (RESTORE_COPIED_TABLES) column for ' +
      'column from the vault being replaced into the restored one, whatever columns that schema ' +
      'has: a copy of rows, not a decision any owner makes. Changes to rows the restored vault ' +
      'already holds go through their owners.',
  },
  {
    file: 'services/backup/backup-file.ts',
    table: '*',
    why: "A backup's manifest table, written into the backup file's own copy, never into the vault.",
  },
  {
    file: 'services/backup/restore.ts',
    table: 'brankas_backup_manifest',
    why: "The backup's manifest table leaves the restored copy before it becomes the vault.",
  },
];

export type VaultTable = keyof typeof TABLE_OWNERS;

/** The only tables whose rows a restore copies as they are (see WRITE_EXCEPTIONS). */
export const RESTORE_COPIED_TABLES = [
  'audit_log',
  'users',
  'purposes',
  'documents',
  'purchases',
  'consent_events',
  'requests',
  'incidents',
  'incident_notices',
] as const satisfies readonly VaultTable[];
export type RestoreCopiedTable = (typeof RESTORE_COPIED_TABLES)[number];
