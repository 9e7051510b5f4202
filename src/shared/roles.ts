/**
 * Who may do what. The router enforces this matrix in main; the renderer only uses it to hide
 * what a role cannot do (courtesy, never security).
 */
export const ROLES = ['owner', 'cashier'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** No session needed (lock screen, setup). */
  'public',
  /** Any logged-in user, even one who still has to change the initial PIN. */
  'session',
  'customers.read',
  'customers.write',
  'users.manage',
  'audit.read',
  'settings.manage',
  /** Marketing audiences, bulk export and import: owner only, always audited. */
  'customers.bulk',
  /** Encrypted backups: make, verify, restore, schedule. Owner only. */
  'backups.manage',
  /** Deletion schedules: policies, the review page, keeping past the date, erasing. Owner only. */
  'retention.manage',
  /** Customers' requests: the register, fulfilling and refusing them. Owner only. */
  'rights.manage',
  /** Breach response: incidents, containment, key rotation, notices. Owner only. */
  'incidents.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>(PERMISSIONS),
  cashier: new Set<Permission>(['public', 'session', 'customers.read', 'customers.write']),
};

export function roleHas(role: Role, permission: Permission): boolean {
  return MATRIX[role].has(permission);
}

/**
 * Roles that see a customer's phone masked (the prefix and last four digits) wherever main answers
 * them; the whole number only through customers:revealPhone, which counts as opening the customer
 * and is audited. The privacy notice's sentence about it is generated from this list.
 */
export const PHONE_MASKED_ROLES: readonly Role[] = ['cashier'];

export function phoneMaskedFor(role: Role): boolean {
  return PHONE_MASKED_ROLES.includes(role);
}
