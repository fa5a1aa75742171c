import { ApiError, SLUG_PATTERN, slugify } from '@wardline/common';

const MAX_SLUG_LENGTH = 64;

const isValidSlug = (slug: string): boolean => slug.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(slug);

/** The given slug when valid, or one derived from the name; a clear error otherwise. */
export function chooseSlug(name: string, slug: string | undefined): string {
  if (slug !== undefined) {
    if (!isValidSlug(slug)) {
      throw ApiError.unprocessable(
        `Invalid slug "${slug}": use 1-64 lowercase letters and digits, with single dashes between them`,
      );
    }
    return slug;
  }
  const derived = slugify(name);
  if (!isValidSlug(derived)) {
    throw ApiError.unprocessable(`Cannot derive a slug from the name "${name}"; give one explicitly`);
  }
  return derived;
}
