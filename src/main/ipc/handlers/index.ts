import { registerAppHandlers } from './app.handlers';
import { registerAudienceHandlers } from './audience.handlers';
import { registerAuditHandlers } from './audit.handlers';
import { registerAuthHandlers } from './auth.handlers';
import { registerBackupsHandlers } from './backups.handlers';
import { registerConsentHandlers } from './consent.handlers';
import { registerCustomersHandlers } from './customers.handlers';
import { registerDashboardHandlers } from './dashboard.handlers';
import type { HandlerDeps } from './deps';
import { registerExportHandlers } from './export.handlers';
import { registerFieldsHandlers } from './fields.handlers';
import { registerImportHandlers } from './import.handlers';
import { registerLanHandlers } from './lan.handlers';
import { registerProductsHandlers } from './products.handlers';
import { registerSalesHandlers } from './sales.handlers';
import { registerPurchasesHandlers } from './purchases.handlers';
import { registerRetentionHandlers } from './retention.handlers';
import { registerRightsHandlers } from './rights.handlers';
import { registerIncidentHandlers } from './incident.handlers';
import { registerBriefingHandlers } from './briefing.handlers';
import { registerHealthHandlers } from './health.handlers';
import { registerSettingsHandlers } from './settings.handlers';
import { registerSetupHandlers } from './setup.handlers';
import { registerUsersHandlers } from './users.handlers';
import { registerLanClientHandlers } from './lan-client.handlers';
import { registerJoinHandlers } from './join.handlers';
import { registerLoyaltyHandlers } from './loyalty.handlers';

export type { HandlerDeps } from './deps';

/**
 * Binds every contract channel to its service call, one file per capability. Validation,
 * sessions, roles, BUSY and the audit stay in the router.
 */
export function registerHandlers(deps: HandlerDeps): void {
  registerAppHandlers(deps);
  registerSetupHandlers(deps);
  registerAuthHandlers(deps);
  registerUsersHandlers(deps);
  registerCustomersHandlers(deps);
  registerConsentHandlers(deps);
  registerPurchasesHandlers(deps);
  registerProductsHandlers(deps);
  registerFieldsHandlers(deps);
  registerAudienceHandlers(deps);
  registerDashboardHandlers(deps);
  registerRightsHandlers(deps);
  registerIncidentHandlers(deps);
  registerBriefingHandlers(deps);
  registerHealthHandlers(deps);
  registerExportHandlers(deps);
  registerImportHandlers(deps);
  registerSalesHandlers(deps);
  registerAuditHandlers(deps);
  registerSettingsHandlers(deps);
  registerBackupsHandlers(deps);
  registerRetentionHandlers(deps);
  registerLanHandlers(deps);
  registerLanClientHandlers(deps);
  registerJoinHandlers(deps);
  registerLoyaltyHandlers(deps);
}
