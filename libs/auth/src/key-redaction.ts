/** Anything that looks like a key, even a mistyped or partial one, keeps only its display prefix. */
const KEY_SHAPED = /\b(wl_[0-9A-Za-z]{8})[0-9A-Za-z]{4,}/g;

export function redactApiKeys(text: string): string {
  return text.replace(KEY_SHAPED, '$1…[redacted]');
}
