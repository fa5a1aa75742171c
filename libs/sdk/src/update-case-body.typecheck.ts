/**
 * Compile-time checks, run by `npm run typecheck`: the generated PATCH body of a case takes any
 * one field alone (nothing a client must fill in, so nothing it could reset), and refuses
 * values of the wrong type.
 */
import type { WardlineClient } from './client';
import type { paths } from './generated/wardline-api';

type UpdateCaseBody = NonNullable<paths['/api/cases/{id}']['patch']['requestBody']>['content']['application/json'];

export const statusAlone: UpdateCaseBody = { status: 'in_progress' };
export const nothingAtAll: UpdateCaseBody = {};

// @ts-expect-error status is one of the case statuses
export const unknownStatus: UpdateCaseBody = { status: 'done' };

// @ts-expect-error priority is one of the priority words, not a number
export const numericPriority: UpdateCaseBody = { priority: 5 };

export const closeCase = (client: WardlineClient, id: string) =>
  client.PATCH('/api/cases/{id}', { params: { path: { id } }, body: { status: 'closed' } });

export const closeCaseWithoutId = (client: WardlineClient) =>
  // @ts-expect-error the path parameter is required
  client.PATCH('/api/cases/{id}', { body: { status: 'closed' } });
