export const PLANS = ['free', 'team', 'pro', 'council'] as const;
export type Plan = (typeof PLANS)[number];

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Ascending: each role may do everything the ones before it may. */
export const ROLES = ['caseworker', 'councillor', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const COUNCIL_TIERS = ['unitary', 'district', 'county', 'metropolitan', 'london_borough', 'parish'] as const;
export type CouncilTier = (typeof COUNCIL_TIERS)[number];
