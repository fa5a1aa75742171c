import type { CaseTopic } from './demo-case-topic';
import { FLY_TIPPING, HIGHWAYS, PARKS, WASTE } from './demo-topics-streets';
import { ANTI_SOCIAL, COUNCIL_TAX, ENVIRONMENTAL_HEALTH, GENERIC, HOUSING, PLANNING } from './demo-topics-services';

/** Topics by category slug: the demo categories, and a generic topic for any other. */
const TOPICS: Readonly<Record<string, readonly CaseTopic[]>> = {
  'highways-potholes': HIGHWAYS,
  'waste-recycling': WASTE,
  'fly-tipping': FLY_TIPPING,
  housing: HOUSING,
  planning: PLANNING,
  'anti-social-behaviour': ANTI_SOCIAL,
  parks: PARKS,
  'council-tax': COUNCIL_TAX,
  'environmental-health': ENVIRONMENTAL_HEALTH,
};

export const topicsFor = (categorySlug: string | null): readonly CaseTopic[] =>
  (categorySlug && TOPICS[categorySlug]) || GENERIC;

/** How often cases of each category come in, relative to 1 (any category not listed). */
export const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  'highways-potholes': 1.8,
  'waste-recycling': 1.6,
  housing: 1.5,
  'fly-tipping': 1.1,
  'anti-social-behaviour': 1.1,
  'council-tax': 0.8,
  'environmental-health': 0.8,
  parks: 0.7,
  planning: 0.6,
};

/** Tags any case may also get. */
export const EXTRA_TAGS = ['repeat-issue', 'vulnerable-resident', 'councillor-enquiry', 'mp-enquiry', 'follow-up'];

/** Notes a caseworker might add to any case. */
export const GENERIC_NOTES = [
  'Spoke to the resident by phone; happy for us to share their details with the service.',
  'Chased the service for an update.',
  'Acknowledged by email and explained the expected timescale.',
  'Site visit arranged with the ward councillor.',
  'Resident sent photos, attached to the service request.',
  'Service replied: job scheduled, resident updated.',
];

/** Fills `{street}`, `{ward}` and `{category}` in a topic's text. */
export const fillTopicText = (template: string, values: { street: string; ward: string; category: string }): string =>
  template.replace(/\{(street|ward|category)\}/g, (_, key: 'street' | 'ward' | 'category') => values[key]);
