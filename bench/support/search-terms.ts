import type { Client } from 'pg';

/** A search an integrator runs, named for the results table. */
export interface SearchTerm {
  what: string;
  term: string;
}

/**
 * What integrators search for, taken from the big tenant's newest unarchived case with a full
 * resident record: `selective` finds one resident or case (full name, email, reference,
 * postcode); `common` finds that resident's surname or street, which the demo generator draws
 * from small pools, so each is shared by thousands of cases.
 */
export async function searchTermsOf(
  owner: Client,
  tenantId: string,
): Promise<{ selective: SearchTerm[]; common: SearchTerm[] }> {
  const { rows } = await owner.query<{
    reference: string;
    resident_name: string;
    resident_email: string;
    resident_postcode: string;
    resident_address: string;
  }>(
    `SELECT reference, resident_name, resident_email, resident_postcode, resident_address
       FROM cases
      WHERE tenant_id = $1 AND NOT archived AND resident_name LIKE '% %' AND resident_email <> ''
        AND resident_postcode <> '' AND resident_address ~ '^[0-9]+ '
      ORDER BY created_at DESC, id DESC
      LIMIT 1`,
    [tenantId],
  );
  const kase = rows[0];
  if (!kase) throw new Error('No case with a full resident record to take search terms from');
  return {
    selective: [
      { what: 'full name', term: kase.resident_name },
      { what: 'email', term: kase.resident_email },
      { what: 'reference', term: kase.reference },
      { what: 'postcode', term: kase.resident_postcode },
    ],
    common: [
      { what: 'surname', term: kase.resident_name.split(' ').at(-1) as string },
      { what: 'street', term: kase.resident_address.replace(/^[0-9]+ /, '') },
    ],
  };
}

export const searchPath = (term: string) => `/api/cases?search=${encodeURIComponent(term)}`;
