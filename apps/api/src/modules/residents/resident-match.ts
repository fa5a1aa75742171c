import { ApiError } from '@wardline/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ResidentMatchQuery } from './dto/resident-match.dto';

/** Which detail a request names the resident by: the only thing its audit entry says of them. */
export type ResidentMatchKind = 'email' | 'phone' | 'postcode+name';

export interface ResidentMatch {
  kind: ResidentMatchKind;
  apply<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, alias: string): Q;
}

/** A phone number's digits, `+44…`/`0044…` read as the national `0…`. */
const phoneDigits = (alias: string) =>
  `regexp_replace(regexp_replace(${alias}.residentPhone, '\\D', '', 'g'), '^(00)?44', '0')`;
const digitsOf = (phone: string) => phone.replace(/\D/g, '').replace(/^(00)?44/, '0');

/** Exactly one of email, phone, or postcode with name: anything else is a 400. */
export function residentMatch(query: ResidentMatchQuery): ResidentMatch {
  const { email, phone, postcode, name } = query;
  const given = [email !== undefined, phone !== undefined, postcode !== undefined || name !== undefined];
  if (given.filter(Boolean).length !== 1 || (postcode === undefined) !== (name === undefined)) {
    throw ApiError.badRequest('Name the resident by exactly one of: email, phone, or postcode with name');
  }
  if (email !== undefined) {
    return {
      kind: 'email',
      apply: (q, alias) =>
        q.andWhere(`lower(${alias}.residentEmail) = lower(:residentEmail)`, { residentEmail: email }),
    };
  }
  if (phone !== undefined) {
    const digits = digitsOf(phone);
    if (digits.length < 3) throw ApiError.badRequest('A phone number needs at least 3 digits');
    return {
      kind: 'phone',
      apply: (q, alias) => q.andWhere(`${phoneDigits(alias)} = :residentPhone`, { residentPhone: digits }),
    };
  }
  return {
    kind: 'postcode+name',
    apply: (q, alias) =>
      q
        .andWhere(`replace(upper(${alias}.residentPostcode), ' ', '') = :residentPostcode`, {
          residentPostcode: postcode!.replace(/\s+/g, '').toUpperCase(),
        })
        .andWhere(`lower(btrim(${alias}.residentName)) = lower(:residentName)`, { residentName: name!.trim() }),
  };
}
