import { slugify } from '@wardline/common/validation/slug';
import { OperatorError } from './operator-error';

/** The database's own rule for tenant slugs (tenants.slug CHECK). */
export const SLUG_PATTERN = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;

export const isValidSlug = (slug: string): boolean => SLUG_PATTERN.test(slug);

/** The given slug when valid, or one derived from the name; a clear error otherwise. */
export function chooseSlug(name: string, slug: string | undefined): string {
  if (slug !== undefined) {
    if (!isValidSlug(slug)) {
      throw new OperatorError(
        `Invalid slug "${slug}": use 1-64 lowercase letters, digits and dashes, starting and ending with a letter or digit`,
        'invalid',
      );
    }
    return slug;
  }
  const derived = slugify(name);
  if (!isValidSlug(derived)) {
    throw new OperatorError(`Cannot derive a slug from the name "${name}"; give one explicitly`, 'invalid');
  }
  return derived;
}
