/** The webhook event types of the contract: what a change may announce to a council's endpoints. */
export const WEBHOOK_EVENT_TYPES = [
  'case_created',
  'case_updated',
  'case_status_changed',
  'case_assigned',
  'case_resolved',
  'case_closed',
  'case_note_added',
  'news_published',
  'event_published',
  'contact_submitted',
  'councillor_profile_updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
