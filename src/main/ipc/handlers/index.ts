import type { Core } from '../../core/core';
import { registerAdminHandlers } from './admin.handlers';
import { registerAuthHandlers } from './auth.handlers';
import { registerBulkHandlers } from './bulk.handlers';
import { registerCustomerHandlers } from './customers.handlers';

/** Binds every contract channel to its service call. Cross-cutting work stays in the router. */
export function registerHandlers(core: Core): void {
  registerAuthHandlers(core);
  registerCustomerHandlers(core);
  registerBulkHandlers(core);
  registerAdminHandlers(core);
}
