/** What residents raise about streets and open spaces: roads, bins, fly-tipping, parks. */
import { type CaseTopic, PRESSING, ROUTINE } from './demo-case-topic';

export const HIGHWAYS: readonly CaseTopic[] = [
  {
    summaries: [
      'Pothole on {street}',
      'Deep pothole by the bus stop on {street}',
      'Potholes along {street} damaging cars',
    ],
    descriptions: [
      'There is a deep pothole in the road on {street}, roughly outside the newsagent. It has been there for weeks and is getting bigger after the rain. Cyclists swerve into traffic to avoid it.',
      'A pothole on {street} burst my front tyre on the way home from work. I would like it repaired before someone is hurt, and to know how to claim for the damage.',
      'Several potholes have opened up near the junction on {street}. They were patched last winter but the repairs have broken up again.',
    ],
    tags: ['pothole', 'roads'],
    publicThemes: ['Roads and pavements'],
    publicSummary:
      'A resident reported a dangerous pothole on {street}. Highways made it safe within days and resurfaced the stretch.',
    notes: ['Highways inspector confirmed it meets the intervention level; 5-day repair ordered.'],
  },
  {
    summaries: [
      'Streetlight out on {street}',
      'Two street lights not working on {street}',
      'Street light flickering all night on {street}',
    ],
    descriptions: [
      'The street light opposite my house on {street} has been out for over a fortnight. The pavement is very dark and older neighbours feel unsafe walking home in the evening.',
      'Two lamp posts in a row are out on {street}, by the cut-through to the shops. Someone was mugged there last winter and residents are worried.',
    ],
    tags: ['street-lighting'],
    publicThemes: ['Street lighting', 'Community safety'],
    publicSummary:
      'Residents of {ward} reported street lights out on {street}; the lighting contractor replaced the failed units.',
    notes: ['Logged with the street lighting contractor; fault reference added to the internal ref.'],
  },
  {
    summaries: ['Uneven paving slabs on {street}', 'Trip hazard on the pavement in {street}'],
    descriptions: [
      'The paving slabs outside the post office on {street} have lifted. My mother tripped on them last week and hurt her wrist. Please fix them before someone is badly injured.',
      'Tree roots have pushed up the pavement on {street}. It is impossible to get a pushchair or wheelchair past without going into the road.',
    ],
    tags: ['pavement', 'trip-hazard'],
    publicThemes: ['Roads and pavements', 'Accessibility'],
    publicSummary: 'A trip hazard on the pavement of {street} was reported and repaired.',
  },
  {
    summaries: ['Blocked gully flooding the road on {street}'],
    descriptions: [
      'The drain at the low point of {street} is blocked with leaves. Every time it rains the road floods across to the front gardens and cars spray pedestrians.',
    ],
    tags: ['drainage', 'flooding'],
    publicThemes: ['Roads and pavements', 'Flooding'],
    publicSummary: 'Blocked road drains on {street} were cleared after residents reported flooding.',
  },
];

export const WASTE: readonly CaseTopic[] = [
  {
    summaries: [
      'Missed bin collection on {street}',
      'Recycling not collected on {street} again',
      'Bins missed for the third week running on {street}',
    ],
    descriptions: [
      'Our general waste bin was out by 7am on collection day but was not emptied. Other houses on {street} were missed too. This is the third time in two months.',
      'The recycling lorry skipped the whole of {street} this week. The bins are overflowing and foxes are getting into the bags.',
      'My food waste caddy has not been emptied for two weeks running. I have reported it online twice and nothing has happened.',
    ],
    tags: ['missed-collection', 'bins'],
    publicThemes: ['Bins and recycling'],
    publicSummary:
      'Repeated missed collections on {street} were raised with the waste contractor and the round was corrected.',
    notes: ['Crew report says bins were not presented; resident disputes this. Raised with the depot supervisor.'],
  },
  {
    summaries: ['Replacement recycling bin needed at {street}', 'Damaged wheelie bin on {street}'],
    descriptions: [
      'The lid of our recycling bin snapped off when the crew emptied it. Rain now gets in and the crew refuse to take wet cardboard.',
      'Our bin was taken by the lorry along with its contents last Tuesday and never returned to {street}.',
    ],
    tags: ['bins', 'replacement'],
    publicThemes: ['Bins and recycling'],
    publicSummary: 'A damaged bin on {street} was replaced.',
    priorities: ROUTINE,
  },
  {
    summaries: ['Garden waste paid for but not collected on {street}'],
    descriptions: [
      'I paid for the garden waste service in March but my brown bin has not been collected since. Can I have a refund for the missed weeks?',
    ],
    tags: ['garden-waste'],
    publicThemes: ['Bins and recycling'],
    publicSummary: 'Missed garden waste collections were put right and the resident refunded.',
    priorities: ROUTINE,
  },
  {
    summaries: ['Assisted bin collection for an elderly resident on {street}'],
    descriptions: [
      'My neighbour on {street} is 87 and cannot drag her bin to the kerb any more. Please can she be put on the assisted collection list?',
    ],
    tags: ['assisted-collection', 'vulnerable-resident'],
    publicThemes: ['Bins and recycling', 'Supporting older residents'],
    publicSummary: 'An elderly resident was added to the assisted bin collection service.',
  },
];

export const FLY_TIPPING: readonly CaseTopic[] = [
  {
    summaries: [
      'Fly-tipped mattresses in the alley behind {street}',
      "Builders' rubble dumped on the verge at {street}",
      'Sofa and rubbish bags dumped on {street}',
      'Fly-tipping by the recycling banks on {street}',
    ],
    descriptions: [
      'Someone has dumped two mattresses, a broken sofa and several black bags in the alley behind {street}. The bags have split and there are rats. Children use this alley to get to school.',
      'A van tipped a pile of plasterboard, tiles and paint tins on the verge at {street} last night. A neighbour got part of the number plate.',
      'The recycling banks on {street} are surrounded by dumped household rubbish again. It has been there since the weekend and smells.',
    ],
    tags: ['fly-tipping', 'rubbish'],
    publicThemes: ['Fly-tipping', 'Clean streets'],
    publicSummary: 'Fly-tipping on {street} was cleared and the evidence passed to the enforcement team.',
    priorities: PRESSING,
    notes: ['Enforcement officer found an address in the bags; warning letter and fixed penalty issued.'],
  },
];

export const PARKS: readonly CaseTopic[] = [
  {
    summaries: [
      'Overgrown hedges blocking the path in the park off {street}',
      'Hedge overhanging the footpath by the play area, {street}',
    ],
    descriptions: [
      'The hedges along the main path in the park off {street} have not been cut this year. The path is half its width and you cannot see who is coming round the corner after dark.',
      'Brambles and hawthorn from the park hedge hang over the footpath on {street}. My daughter scratched her face on her scooter.',
    ],
    tags: ['parks', 'overgrown-vegetation'],
    publicThemes: ['Parks and green spaces'],
    publicSummary: 'Overgrown hedges in the park off {street} were cut back, reopening the footpath.',
    priorities: ROUTINE,
  },
  {
    summaries: ['Broken swing in the playground near {street}', 'Play area gate not closing, {street}'],
    descriptions: [
      'One of the toddler swings in the playground near {street} has a broken chain and has been taped off for a month.',
      'The self-closing gate of the play area near {street} no longer shuts, so dogs get in.',
    ],
    tags: ['parks', 'play-area'],
    publicThemes: ['Parks and green spaces', 'Children and families'],
    publicSummary: 'Broken play equipment near {street} was repaired.',
  },
  {
    summaries: ['Dangerous branch hanging over {street}', 'Grass verges not cut on {street}'],
    descriptions: [
      'A large branch on the council-owned oak on {street} cracked in the storm and is hanging over the pavement.',
      'The grass verges on {street} have not been cut since spring and are knee high, hiding litter and dog mess.',
    ],
    tags: ['trees', 'grounds-maintenance'],
    publicThemes: ['Parks and green spaces'],
    publicSummary: 'Tree and verge maintenance on {street} was brought forward after residents raised it.',
  },
];
