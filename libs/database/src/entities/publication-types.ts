export const EVENT_TYPES = ['surgery', 'council_meeting', 'committee_meeting', 'community', 'consultation'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
