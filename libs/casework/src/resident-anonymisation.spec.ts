import { ANONYMISED_NOTE, anonymisedTimelineData } from './resident-anonymisation';

describe('anonymisedTimelineData', () => {
  it('replaces a note body, once', () => {
    const once = anonymisedTimelineData('note_added', { body: 'Called Ada on 07700 900123', internal: true });
    expect(once).toEqual({ body: ANONYMISED_NOTE, internal: true });
    expect(anonymisedTimelineData('note_added', once!)).toBeNull();
  });

  it('empties the resident values an update moved, keeps the outward postcode and every other change', () => {
    const data = {
      changes: {
        residentEmail: { from: 'ada@example.test', to: null },
        residentPostcode: { from: 'SW1A 1AA', to: 'M1 1AE' },
        priority: { from: 'normal', to: 'high' },
      },
    };
    const anonymised = anonymisedTimelineData('updated', data);
    expect(anonymised).toEqual({
      changes: {
        residentEmail: { from: null, to: null },
        residentPostcode: { from: 'SW1A', to: 'M1' },
        priority: { from: 'normal', to: 'high' },
      },
    });
    expect(anonymisedTimelineData('updated', anonymised!)).toBeNull();
  });

  it('leaves entries holding no resident details alone', () => {
    expect(anonymisedTimelineData('status_changed', { from: 'open', to: 'closed' })).toBeNull();
    expect(anonymisedTimelineData('updated', { changes: { priority: { from: 'low', to: 'high' } } })).toBeNull();
  });
});
