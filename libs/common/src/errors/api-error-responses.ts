import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';

/** The name of the error envelope's component in the OpenAPI document. */
export const ERROR_SCHEMA_NAME = 'Error';

const stringList = { type: 'array', items: { type: 'string' } } as const;

/** The contract's error envelope, as one named component every error response refers to. */
export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  description: 'Every error answer. Branch on the status code and the keys of `details`, not on the wording.',
  properties: {
    error: { type: 'string', description: 'One sentence for a human', example: 'Validation failed' },
    details: {
      type: 'object',
      description: 'Present when there is more to say; the keys depend on the error',
      additionalProperties: true,
      properties: {
        fields: {
          type: 'object',
          description: '400 and 422: each offending field (or header, or query parameter) with its messages',
          additionalProperties: stringList,
          example: { summary: ['summary should not be empty'] },
        },
        currentVersion: { type: 'integer', description: '409 on a stale If-Match: the version now current' },
        currentETag: {
          type: 'string',
          description: '409 on a stale If-Match: send this as If-Match',
          example: 'W/"4"',
        },
        requiredScope: { type: 'string', description: '403: the scope the route needs', example: 'cases:write' },
        grantedScopes: { ...stringList, description: '403 Insufficient scope: the scopes the key has' },
        requiredRole: { type: 'string', description: '403 Insufficient role: the lowest role allowed' },
        role: { type: 'string', description: "403 Insufficient role: the key owner's role" },
        plan: { type: 'string', description: "403 plan refusals: the council's plan" },
      },
    },
  },
};

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON, missing or unknown field, wrong type, bad query parameter',
  401: 'Missing or invalid API key',
  403: 'Tenant suspended, or plan, scope or role does not allow this',
  404: 'Not found in this tenant',
  409: 'Duplicate, or If-Match does not match the current version',
  413: 'Body over 1 MiB',
  415: 'Body is not application/json',
  422: 'Breaks a domain rule (enum value, unknown reference)',
  429: 'Rate limited: wait `Retry-After` seconds',
  500: 'Unexpected failure; quote X-Request-Id when reporting it',
  503: 'Database unavailable; retry after `Retry-After` seconds',
};

/** A realistic answer for each documented error status, as the server words it. */
export const ERROR_EXAMPLES: Record<number, object> = {
  400: { error: 'Validation failed', details: { fields: { summary: ['summary should not be empty'] } } },
  401: { error: 'Missing API key' },
  403: { error: 'Insufficient scope', details: { requiredScope: 'cases:write', grantedScopes: ['cases:read'] } },
  404: { error: 'Case not found' },
  409: {
    error: 'The resource has changed since you read it (If-Match does not match)',
    details: { currentVersion: 4, currentETag: 'W/"4"' },
  },
  413: { error: 'Request body is larger than 1 MiB' },
  415: { error: 'Content-Type must be application/json' },
  422: {
    error: 'Validation failed',
    details: { fields: { priority: ['priority must be one of: low, normal, high, urgent'] } },
  },
  429: { error: 'Rate limit exceeded' },
  500: { error: 'Internal server error' },
  503: { error: 'Service unavailable, retry later' },
};

export const errorDescriptionOf = (status: number): string => DESCRIPTIONS[status] ?? 'Error';

/** Documents the contract's error envelope for the given statuses. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: errorDescriptionOf(status),
        schema: { $ref: `#/components/schemas/${ERROR_SCHEMA_NAME}` },
      }),
    ),
  );
