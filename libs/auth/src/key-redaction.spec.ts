import { generateApiKey } from './api-key-format';
import { redactApiKeys } from './key-redaction';

describe('redactApiKeys', () => {
  it('keeps only the display prefix of every key-shaped value, wherever it is', () => {
    const key = generateApiKey();
    const other = generateApiKey();
    const line = `{"url":"/api/me?api_key=${key}","msg":"Bearer ${other}","cookie":"k=${key.slice(0, 30)}"}`;
    const redacted = redactApiKeys(line);
    expect(redacted).not.toContain(key);
    expect(redacted).not.toContain(other);
    expect(redacted).not.toContain(key.slice(0, 30));
    expect(redacted).toContain(`${key.slice(0, 11)}…[redacted]`);
  });

  it('leaves other text alone', () => {
    expect(redactApiKeys('wl_short and wl_ and plain text')).toBe('wl_short and wl_ and plain text');
  });
});
