export const CASE_STATUSES = ['open', 'in_progress', 'awaiting_response', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

export const SOURCE_CHANNELS = [
  'email',
  'phone',
  'web_form',
  'surgery',
  'letter',
  'social_media',
  'in_person',
  'api',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const CASE_EVENT_TYPES = ['created', 'status_changed', 'assigned', 'note_added', 'updated'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const ACTOR_TYPES = ['user', 'api_key', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
