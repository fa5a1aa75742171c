/** What residents raise about council services: housing, planning, ASB, council tax, environmental health. */
import { type CaseTopic, PRESSING, ROUTINE } from './demo-case-topic';

export const HOUSING: readonly CaseTopic[] = [
  {
    summaries: [
      'Damp and mould in council flat on {street}',
      "Black mould in a child's bedroom on {street}",
      'Mould returning after repair, {street}',
    ],
    descriptions: [
      'Black mould is spreading across the bedroom walls and ceiling of my council flat. My youngest has asthma and it has got worse this winter. I reported it to repairs in October and nobody has come.',
      'Water runs down the inside of the windows every morning and the mould keeps coming back. Clothes in the wardrobe are ruined. The repairs team painted over it last year.',
      'There is a damp patch under the bathroom window that has spread into the hallway. The plaster is crumbling and the flat smells musty.',
    ],
    tags: ['damp-and-mould', 'council-housing', 'repairs'],
    publicThemes: ['Housing conditions', 'Health'],
    publicSummary:
      'A family in council housing in {ward} had damp and mould treated and ventilation installed after contacting their councillor.',
    priorities: PRESSING,
    notes: [
      "Flagged to housing as a hazard under the Awaab's Law timescales; surveyor visit booked.",
      'Surveyor found a failed extractor fan and cold bridging; mould wash and new fan ordered.',
    ],
  },
  {
    summaries: [
      'Broken boiler in council house on {street}',
      'Leaking roof in council property on {street}',
      'Front door lock broken at {street}',
    ],
    descriptions: [
      'Our boiler has broken down and we have had no heating or hot water for five days. We have a newborn baby. The repairs line keeps saying an engineer will call.',
      'Rain is coming through the bedroom ceiling at our council house on {street}. A bucket is catching it but the ceiling is starting to sag.',
      'The lock on the communal door of our block on {street} has been broken for a month. Strangers are sleeping in the stairwell.',
    ],
    tags: ['repairs', 'council-housing'],
    publicThemes: ['Housing conditions'],
    publicSummary: 'An urgent council housing repair on {street} was escalated and completed.',
    priorities: PRESSING,
  },
  {
    summaries: ['Housing transfer request: overcrowded flat on {street}', 'Housing register banding query'],
    descriptions: [
      'Five of us live in a one-bedroom flat on {street}. My son sleeps in the living room. We have been on the housing register for four years and want to know why our banding has not changed.',
      'I was moved down a band on the housing register without explanation after submitting my renewal form.',
    ],
    tags: ['housing-register', 'overcrowding'],
    publicThemes: ['Housing supply'],
    publicSummary: 'A family living in overcrowded conditions had their housing register banding reviewed.',
    priorities: ROUTINE,
  },
];

export const PLANNING: readonly CaseTopic[] = [
  {
    summaries: [
      'Objection to planning application for extension on {street}',
      'Concerns about proposed flats on {street}',
      'Objection to HMO conversion on {street}',
    ],
    descriptions: [
      'I wish to object to the application for a two-storey rear extension next door on {street}. It would block light to our kitchen and garden and is out of keeping with the terrace.',
      'The plan to build twelve flats on the garage site at {street} has only four parking spaces. Parking is already impossible and the road is too narrow for more traffic.',
      'A house on {street} is to be converted into a seven-bed HMO. There are already three on this short stretch and bins and parking are a constant problem.',
    ],
    tags: ['planning-objection'],
    publicThemes: ['Planning and development'],
    publicSummary: "Residents' objections to a planning application on {street} were put to the planning committee.",
    priorities: ROUTINE,
    notes: ['Objection forwarded to the case officer before the consultation deadline.'],
  },
  {
    summaries: ['Building work without planning permission on {street}', 'Unauthorised change of use at {street}'],
    descriptions: [
      'A large outbuilding is going up at the end of a garden on {street}. There is no planning notice and it overlooks several gardens.',
      'A shop unit on {street} is operating as a late-night takeaway without permission. The extractor runs until 2am.',
    ],
    tags: ['planning-enforcement'],
    publicThemes: ['Planning and development'],
    publicSummary: 'Unauthorised building work on {street} was investigated by planning enforcement.',
  },
];

export const ANTI_SOCIAL: readonly CaseTopic[] = [
  {
    summaries: [
      'Anti-social behaviour by the shops on {street}',
      'Groups intimidating residents on {street}',
      'Suspected drug dealing near {street}',
    ],
    descriptions: [
      'Most evenings a group gathers outside the parade of shops on {street}, drinking, shouting and riding e-scooters on the pavement. Older residents are afraid to go to the shop.',
      'Cars pull up on {street} late at night for a few minutes at a time and we believe drugs are being sold. We have reported it to the police but nothing changes.',
    ],
    tags: ['asb', 'community-safety'],
    publicThemes: ['Community safety'],
    publicSummary:
      'Anti-social behaviour on {street} was tackled with the police neighbourhood team and extra patrols.',
    priorities: PRESSING,
    notes: ['Raised at the ward community safety meeting with the neighbourhood policing team.'],
  },
  {
    summaries: [
      'Noise from a neighbouring flat late at night, {street}',
      'Loud parties every weekend on {street}',
      'Barking dog disturbing neighbours on {street}',
    ],
    descriptions: [
      'The tenants in the flat above play loud music until 3 or 4am several nights a week. I work early shifts and am exhausted. Asking them has made things worse.',
      'A house on {street} has parties every Friday and Saturday with music in the garden until the early hours.',
      'A dog on {street} is left alone all day and barks for hours at a time.',
    ],
    tags: ['noise', 'neighbour-dispute'],
    publicThemes: ['Noise', 'Community safety'],
    publicSummary: 'Persistent noise on {street} was investigated and a warning served.',
    notes: ['Noise diary sheets sent to the resident; to review after two weeks.'],
  },
  {
    summaries: ['Offensive graffiti on the underpass at {street}'],
    descriptions: [
      'Racist graffiti has been sprayed on the underpass at {street}. Children walk through it on the way to school. Please remove it urgently.',
    ],
    tags: ['graffiti'],
    publicThemes: ['Clean streets', 'Community safety'],
    publicSummary: 'Offensive graffiti on {street} was removed within a day of being reported.',
    priorities: PRESSING,
  },
];

export const COUNCIL_TAX: readonly CaseTopic[] = [
  {
    summaries: [
      'Council tax arrears: resident struggling to pay',
      'Summons for council tax arrears after missed instalments',
      'Payment plan request for council tax arrears',
    ],
    descriptions: [
      'I lost my job in the spring and fell behind on council tax. I have now had a summons with £70 costs added. I want an affordable payment arrangement before it goes to enforcement agents.',
      'My council tax has been passed to bailiffs over arrears from two years ago that I did not know about. I am a single parent on Universal Credit.',
      'I missed two instalments while off sick and the whole year is now due at once. I can pay £40 a month.',
    ],
    tags: ['council-tax', 'arrears', 'cost-of-living'],
    publicThemes: ['Council tax and benefits', 'Cost of living'],
    publicSummary:
      'A resident in council tax arrears was helped onto an affordable payment plan and referred for debt advice.',
    notes: ['Revenues agreed to hold recovery for 30 days while an arrangement is set up.'],
  },
  {
    summaries: ['Single person discount removed in error', 'Council tax reduction claim delayed'],
    descriptions: [
      'My single person discount was removed after a data-matching review, even though I live alone. My bill has gone up by a quarter.',
      'I applied for council tax reduction eight weeks ago and have heard nothing, but I am still being sent reminders.',
    ],
    tags: ['council-tax', 'discount'],
    publicThemes: ['Council tax and benefits'],
    publicSummary: 'A council tax discount removed in error was reinstated.',
    priorities: ROUTINE,
  },
];

export const ENVIRONMENTAL_HEALTH: readonly CaseTopic[] = [
  {
    summaries: ['Noise from a commercial extractor fan on {street}', 'Regular bonfires burning rubbish on {street}'],
    descriptions: [
      'The extractor fan at the back of the restaurant on {street} runs late into the night with a loud hum we can hear with the windows shut.',
      'A neighbour on {street} burns household rubbish and plastics in the garden several times a week. The smoke comes into our house and my husband has COPD.',
    ],
    tags: ['environmental-health', 'nuisance'],
    publicThemes: ['Noise', 'Air quality'],
    publicSummary: 'A statutory nuisance on {street} was investigated by environmental health.',
  },
  {
    summaries: ['Rats in gardens on {street}', 'Disrepair in a privately rented house on {street}'],
    descriptions: [
      'Several gardens on {street} have rats coming from an empty property with rubbish piled in the yard.',
      'My private landlord will not fix the broken heating or the leaking bathroom at my house on {street}. I am worried about being evicted if I complain.',
    ],
    tags: ['environmental-health', 'private-rented', 'pest-control'],
    publicThemes: ['Housing conditions', 'Health'],
    publicSummary: 'Environmental health acted on pests and disrepair reported on {street}.',
    priorities: PRESSING,
  },
];

export const GENERIC: readonly CaseTopic[] = [
  {
    summaries: ['{category}: enquiry from a resident on {street}', '{category} problem reported on {street}'],
    descriptions: [
      'A resident of {ward} ward has contacted the council about a {category} matter near {street} and would like to know what will be done and when.',
      'Follow-up from a ward surgery: a {category} issue on {street} that the resident has raised before without a reply.',
    ],
    tags: ['enquiry'],
    publicThemes: ['Local services'],
    publicSummary: 'A {category} issue on {street} was raised with the council and followed up.',
  },
];
