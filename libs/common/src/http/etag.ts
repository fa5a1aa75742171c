import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../errors/api-error';

export const etagOf = (version: number): string => `W/"${version}"`;

/** The version an `If-Match` header asks for; `undefined` when absent or `*`. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!match) {
    throw ApiError.badRequest('If-Match must be an ETag from a previous response, e.g. W/"3"', {
      fields: { 'If-Match': ['not an ETag'] },
    });
  }
  return Number(match[1]);
}

export const versionMismatch = (currentVersion: number): ApiError =>
  new ApiError(HttpStatus.CONFLICT, 'The resource has changed since you read it (If-Match does not match)', {
    currentVersion,
    currentETag: etagOf(currentVersion),
  });
