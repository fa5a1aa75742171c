import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_BYTES = 32;

/** A new signing secret as Standard Webhooks writes it: `whsec_` + base64 of random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;

/** `v1,<signature>` per secret, space-separated: receivers accept the message if any verifies. */
export function signatureHeader(secrets: readonly string[], messageId: string, sentAt: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(messageId, sentAt, body)).join(' ');
}
