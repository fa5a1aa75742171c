import type { FastifyInstance } from 'fastify';

/** A parsed `application/x-www-form-urlencoded` body: repeated fields (checkboxes) become lists. */
export type FormFields = Record<string, string | string[]>;

const MAX_FORM_BYTES = 64 * 1024;
export const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

export function parseForm(body: string): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = fields[name];
    if (existing === undefined) fields[name] = value;
    else fields[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/** The dashboard's plain HTML forms post URL-encoded bodies; the JSON API still refuses them. */
export function acceptFormBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser(FORM_TYPE, { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) =>
    done(null, parseForm(body as string)),
  );
}

/** One text field (the first, if repeated); `''` when absent. */
export const textField = (form: FormFields | undefined, name: string): string => {
  const value = form?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
};

/** Every value of a field (checkboxes); `[]` when absent. */
export const listField = (form: FormFields | undefined, name: string): string[] => {
  const value = form?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
