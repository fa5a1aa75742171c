import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

export const ERROR_ENVELOPE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string', example: 'Human readable message' },
    details: { type: 'object', additionalProperties: true },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, missing or unknown field, wrong type, bad query parameter',
  401: 'Missing or invalid API key',
  403: 'Tenant suspended, or plan, scope or role does not allow this',
  404: 'Not found in this tenant',
  409: 'Duplicate, or If-Match does not match the current version',
  413: 'Body over 1 MiB',
  422: 'Breaks a domain rule (enum value, unknown reference)',
  429: 'Rate limited',
  503: 'Database unavailable; retry later',
};

/** Documents the contract's error envelope for the given statuses. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', schema: ERROR_ENVELOPE_SCHEMA }),
    ),
  );
