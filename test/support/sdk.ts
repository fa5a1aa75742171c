import { createWardlineClient, type WardlineClient } from '@wardline/sdk';
import { specMismatches } from './spec-check';

/** Operation ids with the statuses they answered, over every spec-checked client of a file. */
export const exercised = new Map<string, Set<number>>();

/**
 * The SDK as an integrator makes it, plus a check on every answer against openapi.json: a
 * status, header, media type or body the document does not describe fails the call that got it.
 */
export function sdkClient(baseUrl: string, apiKey?: string): WardlineClient {
  const client = createWardlineClient({ baseUrl, apiKey });
  client.use({
    async onResponse({ request, response, schemaPath }) {
      const mismatches = await specMismatches(request.method, schemaPath, response);
      if (mismatches.length > 0) {
        throw new Error(`The answer is not what openapi.json says:\n${mismatches.join('\n')}`);
      }
      const id = `${request.method.toLowerCase()} ${schemaPath}`;
      exercised.set(id, (exercised.get(id) ?? new Set()).add(response.status));
      return undefined;
    },
  });
  return client;
}
