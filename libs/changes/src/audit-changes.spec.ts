import { auditChanges, REDACTED } from './audit-changes';

describe('auditChanges', () => {
  it('keeps only the fields an update changed', () => {
    expect(
      auditChanges({ status: 'open', summary: 'a', tags: ['x'] }, { status: 'closed', summary: 'a', tags: ['x'] }),
    ).toEqual({ before: { status: 'open' }, after: { status: 'closed' } });
  });

  it('compares arrays and dates by value', () => {
    const at = '2026-01-01T00:00:00.000Z';
    expect(auditChanges({ tags: ['a'], dueAt: at }, { tags: ['a', 'b'], dueAt: at })).toEqual({
      before: { tags: ['a'] },
      after: { tags: ['a', 'b'] },
    });
  });

  it('redacts resident contact details and note bodies on both sides, keeping the outward postcode', () => {
    const changes = auditChanges(
      { residentEmail: 'jo@example.org', residentName: 'Jo', residentPostcode: 'SW1A 1AA' },
      { residentEmail: 'jo@example.com', residentName: 'Jo B', residentPostcode: 'm1 1ae' },
    );
    expect(changes).toEqual({
      before: { residentEmail: REDACTED, residentName: REDACTED, residentPostcode: 'SW1A' },
      after: { residentEmail: REDACTED, residentName: REDACTED, residentPostcode: 'M1' },
    });
  });

  it('shows that a redacted field was cleared', () => {
    expect(auditChanges({ residentPhone: '07700 900123' }, { residentPhone: null })).toEqual({
      before: { residentPhone: REDACTED },
      after: { residentPhone: null },
    });
  });

  it('keeps a whole snapshot for a create or a delete, redacted', () => {
    expect(auditChanges(null, { body: 'Called Jo on 07700 900123', internal: true })).toEqual({
      before: null,
      after: { body: REDACTED, internal: true },
    });
    expect(auditChanges({ name: 'North' }, null)).toEqual({ before: { name: 'North' }, after: null });
  });
});
