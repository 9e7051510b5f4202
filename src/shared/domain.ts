/**
 * The shapes main and the renderer share (no schema library), one module per capability under
 * ./domain. This barrel is the one entry point, so importers name `shared/domain` and need not know
 * which capability a type lives in.
 */
export * from './domain/app';
export * from './domain/page';
export * from './domain/customers';
export * from './domain/consent';
export * from './domain/sales';
export * from './domain/audience';
export * from './domain/import';
export * from './domain/audit';
export * from './domain/backups';
export * from './domain/documents';
export * from './domain/briefing';
export * from './domain/incidents';
export * from './domain/requests';
export * from './domain/retention';
export * from './domain/events';
export * from './domain/lan';
export * from './domain/lanClient';
export * from './domain/dashboard';
export * from './domain/loyalty';
