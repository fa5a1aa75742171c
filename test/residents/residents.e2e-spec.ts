import { type Plan, type Role } from '@wardline/database';
import { type KeyedUser } from '../support/fixtures';
import { useApiSuite } from '../support/suite';
import { suffix } from '../cli/cli-harness';
import { parseCsvRecords } from '../support/csv';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface Resident {
  residentName: string;
  residentEmail: string;
  residentPhone: string;
  residentAddress: string;
  residentPostcode: string;
}

const residentFor = (tag = suffix()): Resident => ({
  residentName: `Ada Resident ${tag}`,
  residentEmail: `ada.${tag}@example.test`,
  residentPhone: `07700 9${tag.replace(/\D/g, '').padEnd(5, '1').slice(0, 5)}`,
  residentAddress: `${tag} Mill Lane, Riverside`,
  residentPostcode: 'SW1A 1AA',
});

const contactValues = (resident: Resident) => [
  resident.residentName,
  resident.residentEmail,
  resident.residentPhone,
  resident.residentAddress,
];

describe('residents: subject access and erasure', () => {
  const suite = useApiSuite();
  let admin: KeyedUser;

  beforeEach(async () => {
    admin = await suite.fixtures.keyedUser('council', 'admin');
  });

  const createCase = async (key: string, fields: Partial<Resident> & { summary?: string } = {}) => {
    const response = await suite.request('POST', '/api/cases', {
      key,
      json: { summary: `Case ${suffix()}`, ...fields },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; reference: string };
  };
  const addNote = async (key: string, id: string, body: string) =>
    expect((await suite.request('POST', `/api/cases/${id}/notes`, { key, json: { body } })).status).toBe(201);
  const exportFor = (key: string, query: Record<string, string>, headers?: Record<string, string>) =>
    suite.request('GET', `/api/residents/export?${new URLSearchParams(query).toString()}`, { key, headers });
  const erase = (key: string, json: Record<string, unknown>) =>
    suite.request('POST', '/api/residents/erase', { key, json });
  const auditOf = async (tenantId: string, action: string) =>
    (await suite.fixtures.owner.query(
      `SELECT actor_name AS "actorName", changes FROM audit_logs WHERE tenant_id = $1 AND action = $2 ORDER BY occurred_at`,
      [tenantId, action],
    )) as { actorName: string; changes: { after: Record<string, unknown> } }[];

  it('finds every case and note of a resident by email, phone or postcode with name, whatever the case and spacing', async () => {
    const ada = residentFor();
    const first = await createCase(admin.key, ada);
    const second = await createCase(admin.key, { ...ada, residentAddress: undefined });
    await addNote(admin.key, first.id, 'Ada called about the bins');
    await createCase(admin.key, residentFor());

    const byEmail = await exportFor(admin.key, { email: ada.residentEmail.toUpperCase() });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.matchedBy).toBe('email');
    expect(byEmail.body.cases.map((kase: { id: string }) => kase.id)).toEqual([first.id, second.id]);
    expect(byEmail.body.cases[0].notes.map((note: { data: { body: string } }) => note.data.body)).toEqual([
      'Ada called about the bins',
    ]);
    expect(byEmail.body.cases[0].residentEmail).toBe(ada.residentEmail);

    const byPhone = await exportFor(admin.key, { phone: `+44 ${ada.residentPhone.slice(1).replace(/\s/g, '-')}` });
    expect(byPhone.body.cases).toHaveLength(2);
    const byPostcode = await exportFor(admin.key, { postcode: 'sw1a1aa', name: ada.residentName.toLowerCase() });
    expect(byPostcode.body).toMatchObject({ matchedBy: 'postcode+name' });
    expect(byPostcode.body.cases).toHaveLength(2);
  });

  it('records who asked and by which kind of detail, never the detail', async () => {
    const ada = residentFor();
    await createCase(admin.key, ada);
    await exportFor(admin.key, { email: ada.residentEmail });
    const entries = await auditOf(admin.tenant.id, 'resident.exported');
    expect(entries).toHaveLength(1);
    expect(entries[0].changes.after).toEqual({ matchedBy: 'email', format: 'json' });
    expect(JSON.stringify(entries)).not.toContain(ada.residentEmail);
  });

  describe('as CSV', () => {
    it('holds the same cases and notes as the JSON, one line each, spreadsheet-safe, asked by ?format=csv or Accept', async () => {
      const ada = { ...residentFor(), residentName: `=HYPERLINK("x") ${suffix()}` };
      const first = await createCase(admin.key, ada);
      const second = await createCase(admin.key, ada);
      await addNote(admin.key, first.id, '@SUM(A1) the bins again');
      await addNote(admin.key, first.id, 'Called back');
      await createCase(admin.key, residentFor());

      const byFormat = await exportFor(admin.key, { email: ada.residentEmail, format: 'csv' });
      expect(byFormat.status).toBe(200);
      expect(byFormat.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(byFormat.headers.get('content-disposition')).toMatch(
        /^attachment; filename="resident-export-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const { header, records } = parseCsvRecords(byFormat.text);
      const documented = await readFile(join(__dirname, '..', '..', 'docs', 'residents-personal-data.md'), 'utf8');
      expect(header.filter((column) => !documented.includes(`\`${column}\``))).toEqual([]);
      expect(header.slice(0, 3)).toEqual(['record', 'caseId', 'reference']);
      expect(header.slice(-4)).toEqual(['noteId', 'noteAt', 'noteBy', 'noteBody']);
      expect(records.map((row) => [row.record, row.caseId, row.reference])).toEqual([
        ['case', first.id, first.reference],
        ['note', first.id, first.reference],
        ['note', first.id, first.reference],
        ['case', second.id, second.reference],
      ]);
      expect(records[0]).toMatchObject({
        residentName: `'${ada.residentName}`,
        residentEmail: ada.residentEmail,
        residentPhone: ada.residentPhone,
        residentAddress: ada.residentAddress,
        residentPostcode: ada.residentPostcode,
        noteBody: '',
      });
      expect(records.slice(1, 3).map((row) => row.noteBody)).toEqual(["'@SUM(A1) the bins again", 'Called back']);
      expect(records[1]).toMatchObject({ residentEmail: '', noteBy: expect.stringMatching(/^key /) });

      const json = await exportFor(admin.key, { email: ada.residentEmail });
      expect(records[1].noteId).toBe(json.body.cases[0].notes[0].id);

      const byAccept = await exportFor(admin.key, { email: ada.residentEmail }, { Accept: 'text/csv' });
      expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(byAccept.text).toBe(byFormat.text);
      const withBom = await exportFor(admin.key, { email: ada.residentEmail, format: 'csv', bom: 'true' });
      expect(withBom.text).toBe(`\uFEFF${byFormat.text}`);
      const jsonDespiteAccept = await exportFor(
        admin.key,
        { email: ada.residentEmail, format: 'json' },
        { Accept: 'text/csv' },
      );
      expect(jsonDespiteAccept.body.cases).toHaveLength(2);
    });

    it('is audited with who asked and the format, and answers bad requests and roles as the JSON does', async () => {
      const manager = await suite.fixtures.keyedUser('council', 'manager');
      const ada = residentFor();
      await createCase(manager.key, ada);
      expect((await exportFor(manager.key, { phone: ada.residentPhone, format: 'csv' })).status).toBe(200);
      const entries = await auditOf(manager.tenant.id, 'resident.exported');
      expect(entries).toEqual([
        {
          actorName: expect.any(String),
          changes: expect.objectContaining({ after: { matchedBy: 'phone', format: 'csv' } }),
        },
      ]);
      const [{ actorId }] = await suite.fixtures.owner.query(
        `SELECT actor_id AS "actorId" FROM audit_logs WHERE tenant_id = $1 AND action = 'resident.exported'`,
        [manager.tenant.id],
      );
      expect(actorId).toBe(manager.keyId);
      expect(JSON.stringify(entries)).not.toContain(ada.residentPhone);

      const unmatched = await exportFor(manager.key, { postcode: 'SW1A 1AA', format: 'csv' });
      expect(unmatched.status).toBe(400);
      expect(unmatched.body.error).toEqual(expect.any(String));
      expect((await exportFor(manager.key, { email: ada.residentEmail, format: 'xml' })).status).toBe(400);
      const caseworker = await suite.fixtures.keyedUser('council', 'caseworker');
      expect((await exportFor(caseworker.key, { email: ada.residentEmail }, { Accept: 'text/csv' })).status).toBe(403);
    });
  });

  it('wants exactly one matcher', async () => {
    const queries: Record<string, string>[] = [
      {},
      { email: 'a@b.test', phone: '0123' },
      { postcode: 'SW1A 1AA' },
      { name: 'Ada' },
    ];
    for (const query of queries) {
      const response = await exportFor(admin.key, query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.body.error).toEqual(expect.any(String));
    }
  });

  it("never finds another council's residents, nor erases them", async () => {
    const other = await suite.fixtures.keyedUser('council', 'admin');
    const ada = residentFor();
    await createCase(other.key, ada);
    expect((await exportFor(admin.key, { email: ada.residentEmail })).body.cases).toEqual([]);
    const erased = await erase(admin.key, { email: ada.residentEmail, confirm: 0 });
    expect(erased.body).toMatchObject({ cases: 0 });
    expect((await exportFor(other.key, { email: ada.residentEmail })).body.cases).toHaveLength(1);
  });

  it('refuses an erasure whose confirm is not the number of matching cases (422), changing nothing', async () => {
    const ada = residentFor();
    await createCase(admin.key, ada);
    await createCase(admin.key, ada);
    const response = await erase(admin.key, { email: ada.residentEmail, confirm: 1 });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: 'confirm must be the number of matching cases',
      details: { matchingCases: 2 },
    });
    expect((await exportFor(admin.key, { email: ada.residentEmail })).body.cases).toHaveLength(2);
    expect(await auditOf(admin.tenant.id, 'resident.erased')).toEqual([]);
  });

  it('erases the resident from cases, timeline and exports, keeping the outward postcode and the timeline shape', async () => {
    const ada = residentFor();
    const bob = residentFor();
    const kase = await createCase(admin.key, ada);
    const patched = await suite.request('PATCH', `/api/cases/${kase.id}`, {
      key: admin.key,
      json: { residentEmail: `old.${ada.residentEmail}`, residentPhone: null },
    });
    expect(patched.status).toBe(200);
    await suite.request('PATCH', `/api/cases/${kase.id}`, {
      key: admin.key,
      json: { residentEmail: ada.residentEmail },
    });
    await addNote(admin.key, kase.id, `Spoke to ${ada.residentName} on ${ada.residentPhone}`);
    const untouched = await createCase(admin.key, bob);
    await addNote(admin.key, untouched.id, 'Bob note');
    const timelineBefore = await suite.request('GET', `/api/cases/${kase.id}/timeline`, { key: admin.key });

    const response = await erase(admin.key, { email: ada.residentEmail, confirm: 1 });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ matchedBy: 'email', cases: 1, timelineEntries: 3 });

    const after = await suite.request('GET', `/api/cases/${kase.id}`, { key: admin.key });
    expect(after.body).toMatchObject({
      reference: kase.reference,
      residentName: null,
      residentEmail: null,
      residentPhone: null,
      residentAddress: null,
      residentPostcode: 'SW1A',
    });
    const timeline = await suite.request('GET', `/api/cases/${kase.id}/timeline`, { key: admin.key });
    expect(timeline.body.timeline.map((entry: { type: string }) => entry.type)).toEqual(
      timelineBefore.body.timeline.map((entry: { type: string }) => entry.type),
    );
    const everything = JSON.stringify([after.body, timeline.body]);
    for (const value of [...contactValues(ada), `old.${ada.residentEmail}`, 'SW1A 1AA']) {
      expect(everything).not.toContain(value);
    }
    const exported = await suite.request('GET', '/api/cases/export?format=json', { key: admin.key });
    for (const value of contactValues(ada)) expect(exported.text).not.toContain(value);
    for (const value of contactValues(bob)) expect(exported.text).toContain(value);
    const bobCase = await suite.request('GET', `/api/cases/${untouched.id}`, { key: admin.key });
    expect(bobCase.body.timeline.at(-1).data.body).toBe('Bob note');

    const [entry] = await auditOf(admin.tenant.id, 'resident.erased');
    expect(entry.changes.after).toEqual({ matchedBy: 'email', cases: 1, timelineEntries: 3 });
    expect(JSON.stringify(entry)).not.toContain(ada.residentEmail);
    // Erasing again finds nobody: the details are gone.
    expect((await erase(admin.key, { email: ada.residentEmail, confirm: 0 })).body.cases).toBe(0);
  });

  describe('who may ask', () => {
    const cases: [Plan, Role, number, number][] = [
      ['council', 'caseworker', 403, 403],
      ['council', 'councillor', 403, 403],
      ['council', 'manager', 200, 403],
      ['council', 'admin', 200, 200],
      ['pro', 'admin', 403, 403],
    ];
    it.each(cases)('%s %s: export %i, erase %i', async (plan, role, exportStatus, eraseStatus) => {
      const keyed = await suite.fixtures.keyedUser(plan, role);
      const exported = await exportFor(keyed.key, { email: 'nobody@example.test' });
      expect(exported.status).toBe(exportStatus);
      const erased = await erase(keyed.key, { email: 'nobody@example.test', confirm: 0 });
      expect(erased.status).toBe(eraseStatus);
      if (plan === 'pro') {
        expect(exported.body).toEqual({
          error: 'Your plan does not include this feature',
          details: { plan: 'pro', requiredScope: 'cases:read' },
        });
      }
    });

    it('needs cases:read to export and cases:write to erase', async () => {
      const reader = await suite.fixtures.keyedUser('council', 'admin', ['cases:read']);
      expect((await exportFor(reader.key, { email: 'nobody@example.test' })).status).toBe(200);
      const refused = await erase(reader.key, { email: 'nobody@example.test', confirm: 0 });
      expect(refused.status).toBe(403);
      expect(refused.body.details.requiredScope).toBe('cases:write');
    });
  });
});
