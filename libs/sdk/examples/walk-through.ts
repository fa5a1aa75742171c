import { createWardlineClient, dataOf, listAll, updateIfUnchanged, VersionConflictError } from '@wardline/sdk';

/** Needs a key with cases:read and cases:write, e.g. WARDLINE_API_KEY=wl_… */
export async function walkThrough(baseUrl = 'http://127.0.0.1:3000', apiKey = process.env.WARDLINE_API_KEY) {
  const wardline = createWardlineClient({ baseUrl, apiKey });

  // Every open case, following nextCursor 100 at a time (bounded: 100 pages unless maxPages says otherwise).
  for await (const kase of listAll(wardline, '/api/cases', { query: { status: ['open', 'in_progress'] } })) {
    console.log(kase.reference, kase.summary);
  }

  // Create a case; dataOf returns the body, or throws a WardlineApiError (status, error, details).
  const created = dataOf(
    await wardline.POST('/api/cases', {
      body: {
        summary: 'Pothole outside 14 Mill Lane',
        residentPostcode: 'SW1A 1AA',
        priority: 'high',
        sourceChannel: 'api',
        highlightedForPublic: false,
      },
    }),
  );

  // Change it only if nobody else has since we read it: GET, then PATCH with If-Match.
  try {
    const updated = await updateIfUnchanged(wardline, '/api/cases/{id}', () => ({ status: 'in_progress' }), {
      id: created.id,
    });
    console.log(updated.reference, updated.status, updated.version);
    return updated;
  } catch (error) {
    if (error instanceof VersionConflictError) console.log('Changed meanwhile; now', error.currentETag);
    throw error;
  }
}
