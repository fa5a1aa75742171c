import type { HttpClient } from './http';

/** POSTs `body` to `path` as `key` and returns the created resource; anything but 201 throws. */
export async function created<T = any>(request: HttpClient, key: string, path: string, body: unknown): Promise<T> {
  const response = await request<T>('POST', path, { key, json: body });
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${response.text}`);
  return response.body;
}

/** A ward (needs settings:write, admin). */
export const createWard = (request: HttpClient, key: string, body: Record<string, unknown>) =>
  created(request, key, '/api/wards', body);

/** A category (needs settings:write, admin). */
export const createCategory = (request: HttpClient, key: string, body: Record<string, unknown>) =>
  created(request, key, '/api/categories', body);
