import type { SeededRandom } from './seeded-random';
import { list } from './text-list';

/** A made-up resident: plausible UK details on reserved ranges (example.org/.com, Ofcom drama numbers). */
export interface DemoResident {
  name: string;
  email: string | null;
  phone: string | null;
  address: string;
  postcode: string;
  /** The street alone, for summaries ("Pothole on Gold Street"). */
  street: string;
}

const FIRST_NAMES = list(`
  Oliver, Amelia, George, Isla, Harry, Olivia, Jack, Ava, Mohammed, Fatima, Aisha, Omar, Priya, Arjun, Ravi,
  Sunita, Deepak, Harpreet, Gurpreet, Kwame, Adebayo, Chiamaka, Tunde, Ngozi, Abena, Siobhan, Ciaran, Niamh,
  Aoife, Rhys, Carys, Dylan, Megan, Eilidh, Callum, Fraser, Morag, Agnieszka, Tomasz, Katarzyna, Piotr, Ioana,
  Andrei, Mei, Wei, Jun, Linh, Thanh, Yusuf, Zainab, Bilal, Hannah, Samuel, Grace, Daniel, Chloe, Joseph,
  Ellie, Leon, Jasmine, Marcus, Shanice, Tyrone, Keisha, Margaret, Brian, Sandra, Keith, Pauline, Derek, Janet,
  Graham, Maureen, Elif, Mehmet, Sofia, Luca, Giulia, Ana, João, Hamza, Sana
`);

const SURNAMES = list(`
  Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Roberts, Johnson, Walker, Wright,
  Robinson, Thompson, White, Hughes, Edwards, Green, Hall, Wood, Harris, Clarke, Patel, Shah, Khan, Ahmed,
  Hussain, Ali, Begum, Singh, Kaur, Gill, Sandhu, Okafor, Adeyemi, Mensah, Owusu, Boateng, Osei, Campbell,
  Murphy, O'Brien, Kelly, Byrne, MacDonald, Fraser, Stewart, Morgan, Price, Lloyd, Nowak, Kowalski, Wiśniewski,
  Popescu, Nguyen, Tran, Chen, Wong, Li, Yilmaz, Demir, Rossi, Silva, Costa, Francis, Grant, Bailey, Richards,
  Ellis, Chapman, Barker
`);

const STREETS = list(`
  Gold Street, Bridge Street, Harborough Road, Kettering Road, Wellingborough Road, Abington Avenue,
  St Leonard's Road, Cotton End, Station Road, Church Lane, Mill Lane, Victoria Road, Albert Street,
  Park Avenue North, Queens Road, The Drive, Boughton Green Road, Kingsley Park Terrace, Derby Road,
  Whitworth Road, Weston Way, Billing Road, Duston Road, St James Park Road, Towcester Road, Far Cotton Lane,
  Priory Close, Becket Way, Marina Walk, Moorside Crescent, Northfield Way, Hollow Lane, Allotment Road,
  Castle Hill, Market Square, Sheep Street, Regent Square, Elm Grove, Beech Avenue, Cedar Close, Rowan Drive,
  Hawthorn Road, Chestnut Walk, Meadow Way, Orchard Rise, Brookside, Nene Way, Spencer Parade, Lingswood Park,
  Thorneycroft Court
`);

const BLOCKS = ['Spencer House', 'Beckett Court', 'Riverside Tower', 'Moorland Court', 'Priory House', 'Abbey Mews'];

/** Postcode districts used in turn by the tenant's wards; any tenant gets valid-format codes. */
const DISTRICTS = ['NN1', 'NN2', 'NN3', 'NN4', 'NN5', 'NN6', 'NN7'];
/** Letters allowed in the inward code's unit (no C, I, K, M, O or V). */
const UNIT_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

const EMAIL_DOMAINS = ['example.org', 'example.com'];

const ascii = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** `NN3 6QT`: outward code of the ward's district, inward digit and two unit letters. */
export function demoPostcode(random: SeededRandom, wardIndex: number): string {
  const district = DISTRICTS[wardIndex % DISTRICTS.length];
  return `${district} ${random.int(1, 9)}${random.pick(UNIT_LETTERS)}${random.pick(UNIT_LETTERS)}`;
}

/** `07700 900123`: Ofcom's range reserved for drama, never a real subscriber. */
export const demoPhone = (random: SeededRandom): string => `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;

export function demoResident(random: SeededRandom, wardIndex: number): DemoResident {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(SURNAMES);
  const street = random.pick(STREETS);
  const number = random.int(1, 180);
  const address = random.chance(0.15)
    ? `Flat ${random.int(1, 48)}, ${random.pick(BLOCKS)}, ${street}`
    : `${number} ${street}`;
  const separator = random.pick(['.', '', '_']);
  const hasEmail = random.chance(0.8);
  const hasPhone = random.chance(0.7) || !hasEmail;
  return {
    name: `${first} ${last}`,
    email: hasEmail
      ? `${ascii(first)}${separator}${ascii(last)}${random.chance(0.4) ? random.int(1, 99) : ''}@${random.pick(EMAIL_DOMAINS)}`
      : null,
    phone: hasPhone ? demoPhone(random) : null,
    address,
    postcode: demoPostcode(random, wardIndex),
    street,
  };
}
