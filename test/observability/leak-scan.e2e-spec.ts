import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { Fixtures } from '../support/fixtures';
import { REGISTRY_FILE_PREFIX, type SensitiveValue } from '../support/leak-registry';
import { describeLeaks, LeakMatcher, scanRun } from '../support/leak-scan';
import { LOG_FILE_PREFIX } from '../support/run-log';
import { startTestApp, testEndpoint } from '../support/test-app';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const keyShaped = () => `wl_${[...randomBytes(38)].map((byte) => BASE62[byte % 62]).join('')}`;

/** The scan the global teardown runs over the whole test run, shown to fail on planted leaks. */
describe('the run’s leak scan', () => {
  it('matches in any letter case, a phone also by its digits and a postcode unspaced; not inside a longer number', () => {
    const matcher = new LeakMatcher([
      { kind: 'resident email', value: 'Ada.Lovelace@Example.test' },
      { kind: 'resident phone', value: '07700 900123' },
      { kind: 'resident postcode', value: 'SW1A 2AA' },
      { kind: 'resident name', value: 'Ada' },
    ]);
    const kinds = (text: string) => matcher.find(text).map((found) => found.kind);
    expect(kinds('{"msg":"sent to ada.lovelace@example.TEST"}')).toEqual(['resident email']);
    expect(kinds('rang 07700900123 twice')).toEqual(['resident phone']);
    expect(kinds('"07700 900123"')).toEqual(['resident phone']);
    expect(kinds('time=1707700900123456')).toEqual([]);
    expect(kinds('postcode sw1a2aa')).toEqual(['resident postcode']);
    expect(kinds('Ada was here, SW1A is a district')).toEqual([]);
  });

  describe('over a run with planted leaks', () => {
    let fixtures: Fixtures;
    let runDir: string;
    const tag = randomBytes(4).toString('hex');
    const planted = {
      email: `planted.${tag}@example.test`,
      phone: '07700 900777',
      key: keyShaped(),
      neverWritten: `Never Written ${tag}`,
    };
    const registry: SensitiveValue[] = [
      { kind: 'resident email', value: planted.email },
      { kind: 'resident phone', value: planted.phone },
      { kind: 'api key', value: planted.key },
      { kind: 'resident name', value: planted.neverWritten },
    ];

    beforeAll(async () => {
      fixtures = await Fixtures.open();
      // A run of its own: the real run's registry never holds these values, so its scan stays clean.
      runDir = await mkdtemp(join(tmpdir(), 'wardline-leak-scan-'));
      await writeFile(
        join(runDir, `${REGISTRY_FILE_PREFIX}1.jsonl`),
        registry.map((value) => JSON.stringify(value)).join('\n'),
      );
    });
    afterAll(async () => {
      await fixtures?.close();
      await rm(runDir, { recursive: true, force: true });
    });

    it('finds a value a real server logged and a key in an audit row, saying where, and nothing else', async () => {
      const destination = pino.destination({ dest: join(runDir, `${LOG_FILE_PREFIX}1.jsonl`), sync: true });
      const app = await startTestApp({ LOG_LEVEL: 'trace' }, testEndpoint(), { logDestination: destination });
      try {
        expect((await fetch(`${app.baseUrl}/api/cases`)).status).toBe(401);
        const logger = await app.app.resolve(PinoLogger);
        logger.info({ note: `rang ${planted.phone.replace(/\s/g, '')} for ${planted.email.toUpperCase()}` }, 'planted');
        // The server cuts a key in a log line to its prefix before writing it: this one is not a leak.
        logger.info({ note: `tried ${planted.key}` }, 'planted key');
      } finally {
        await app.close();
      }
      const tenant = await fixtures.tenant();
      const [{ id }] = (await fixtures.owner.query(
        `INSERT INTO audit_logs (tenant_id, actor_type, actor_name, action, resource_type, changes)
         VALUES ($1, 'system', 'leak scan test', 'test.planted', 'test', $2) RETURNING id`,
        [tenant.id, { after: { note: `key ${planted.key}` } }],
      )) as { id: string }[];

      const report = await scanRun(runDir, testEndpoint().ownerUrl);
      expect(report.logLines).toBeGreaterThan(2);
      expect(report.auditRows).toBeGreaterThan(0);
      const logLine = expect.stringMatching(new RegExp(`^${LOG_FILE_PREFIX}1\\.jsonl:\\d+$`));
      expect(report.leaks.toSorted((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { kind: 'api key', value: planted.key, where: `audit_logs ${id} (test.planted)` },
        { kind: 'resident email', value: planted.email, where: logLine },
        { kind: 'resident phone', value: planted.phone.replace(/\s/g, ''), where: logLine },
      ]);
      const message = describeLeaks(report.leaks);
      expect(message).toContain(`resident email: ${planted.email}`);
      expect(message).toContain(`audit_logs ${id} (test.planted)`);
    });
  });
});
