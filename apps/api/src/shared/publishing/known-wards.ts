import { ApiError } from '@wardline/common';
import type { Ward } from '@wardline/database';
import type { TenantRepository } from '@wardline/tenancy';

/** Every id in `wardIds` must name a ward of this tenant, else 422 naming `field`. */
export async function requireKnownWards(
  wards: TenantRepository<Ward>,
  field: string,
  wardIds: readonly string[],
): Promise<void> {
  const wanted = [...new Set(wardIds)];
  if (wanted.length === 0) return;
  const found = await wards.query('ward').andWhere('ward.id IN (:...ids)', { ids: wanted }).select('ward.id').getMany();
  const known = new Set(found.map((ward) => ward.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw ApiError.unprocessable(`Unknown ${field} in this tenant`, {
      fields: { [field]: [`no such ward in this tenant: ${unknown.join(', ')}`] },
    });
  }
}
