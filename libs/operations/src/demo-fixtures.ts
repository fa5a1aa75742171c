import type { CouncilTier, Role } from '@wardline/database';

/** The tenant `seed demo` creates when none is named. */
export const DEMO_TENANT = { name: 'Demo Borough Council', slug: 'demo-borough', plan: 'council' } as const;

export interface DemoWard {
  name: string;
  gssCode: string;
  councilTier: CouncilTier;
  boundaryDescription: string;
  latitude: number;
  longitude: number;
}

export interface DemoCategory {
  name: string;
  slug: string;
  description: string;
  slaDays: number | null;
  /** Slug of the parent category, seeded first. */
  parentSlug?: string;
}

export interface DemoUser {
  name: string;
  email: string;
  role: Role;
  /** Names of the wards a councillor represents. */
  wards?: string[];
  party?: string;
  publicEmail?: string;
  bio?: string;
}

export const DEMO_WARDS: readonly DemoWard[] = [
  {
    name: 'Abbey',
    gssCode: 'E05015101',
    councilTier: 'district',
    boundaryDescription: 'Town centre north of the river: the Abbey grounds, Market Square and Bridge Street.',
    latitude: 52.2405,
    longitude: -0.8942,
  },
  {
    name: 'Castle',
    gssCode: 'E05015102',
    councilTier: 'district',
    boundaryDescription: 'Castle Hill, the railway station and the terraced streets west of Gold Street.',
    latitude: 52.2371,
    longitude: -0.9063,
  },
  {
    name: 'Riverside',
    gssCode: 'E05015103',
    councilTier: 'district',
    boundaryDescription: "The south bank of the Nene from Cotton End to the marina, including Becket's Park.",
    latitude: 52.2318,
    longitude: -0.8871,
  },
  {
    name: "St Mary's",
    gssCode: 'E05015104',
    councilTier: 'district',
    boundaryDescription: "St Mary's Church and the estates between Harborough Road and the ring road.",
    latitude: 52.2502,
    longitude: -0.8915,
  },
  {
    name: 'Northfield',
    gssCode: 'E05015105',
    councilTier: 'district',
    boundaryDescription: 'Northfield estate, Kingsthorpe Hollow and the allotments off Boughton Green Road.',
    latitude: 52.2654,
    longitude: -0.8978,
  },
  {
    name: 'Westgate',
    gssCode: 'E05015106',
    councilTier: 'district',
    boundaryDescription: 'Westgate retail park, St James and the Duston Road corridor.',
    latitude: 52.2389,
    longitude: -0.9277,
  },
  {
    name: 'Moorside',
    gssCode: 'E05015107',
    councilTier: 'district',
    boundaryDescription: 'Moorside village, Weston Favell and the country park to the east.',
    latitude: 52.2482,
    longitude: -0.8351,
  },
  {
    name: 'Priory Park',
    gssCode: 'E05015108',
    councilTier: 'district',
    boundaryDescription: 'Priory Park, Far Cotton and the industrial estate along the A45.',
    latitude: 52.2247,
    longitude: -0.9012,
  },
];

/** Parents come before their children. */
export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    name: 'Housing',
    slug: 'housing',
    description: 'Council housing repairs, tenancies, homelessness and housing benefit.',
    slaDays: 10,
  },
  {
    name: 'Planning',
    slug: 'planning',
    description: 'Planning applications, objections, enforcement and building control.',
    slaDays: 20,
  },
  {
    name: 'Highways & Potholes',
    slug: 'highways-potholes',
    description: 'Potholes, pavements, street lighting, road signs and gritting.',
    slaDays: 5,
  },
  {
    name: 'Waste & Recycling',
    slug: 'waste-recycling',
    description: 'Missed bin collections, recycling, garden waste and bulky items.',
    slaDays: 5,
  },
  {
    name: 'Fly-tipping',
    slug: 'fly-tipping',
    description: 'Rubbish dumped on roads, verges, alleys and public land.',
    slaDays: 3,
    parentSlug: 'waste-recycling',
  },
  {
    name: 'Anti-social Behaviour',
    slug: 'anti-social-behaviour',
    description: 'Noise nuisance, vandalism, graffiti and neighbour disputes.',
    slaDays: 7,
  },
  {
    name: 'Parks',
    slug: 'parks',
    description: 'Parks, playgrounds, open spaces, trees and grass cutting.',
    slaDays: 15,
  },
  {
    name: 'Council Tax',
    slug: 'council-tax',
    description: 'Bills, discounts, exemptions, arrears and payment arrangements.',
    slaDays: 10,
  },
  {
    name: 'Environmental Health',
    slug: 'environmental-health',
    description: 'Food hygiene, pest control, pollution and private-sector housing conditions.',
    slaDays: null,
  },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { name: 'Helen Okafor', email: 'helen.okafor@example.org', role: 'admin' },
  { name: 'David Whitfield', email: 'david.whitfield@example.org', role: 'manager' },
  {
    name: 'Priya Sharma',
    email: 'priya.sharma@example.org',
    role: 'councillor',
    wards: ['Abbey', 'Castle'],
    party: 'Labour',
    publicEmail: 'cllr.priya.sharma@example.org',
    bio: 'Councillor for Abbey and Castle since 2019. Chairs the housing scrutiny panel and runs a surgery at the Central Library every second Saturday.',
  },
  {
    name: 'Tom Gallagher',
    email: 'tom.gallagher@example.org',
    role: 'councillor',
    wards: ['Riverside', 'Priory Park'],
    party: 'Liberal Democrats',
    publicEmail: 'cllr.tom.gallagher@example.org',
    bio: 'Former community nurse, elected for Riverside in 2023. Campaigns on road safety near schools and flood defences along the Nene.',
  },
  { name: 'Aisha Rahman', email: 'aisha.rahman@example.org', role: 'caseworker' },
  { name: 'Gareth Hughes', email: 'gareth.hughes@example.org', role: 'caseworker' },
];
