import { dataOf } from '@wardline/sdk';
import { type Scenarios, unique } from '../sdk-suite';

const residentOf = (tag: string) => ({
  residentName: `Ada ${tag}`,
  residentEmail: `ada.${tag.replace(/\W/g, '')}@example.test`,
  residentPostcode: 'SW1A 1AA',
});

export const residentScenarios: Scenarios = {
  "finds a resident's cases and erases their personal data": async ({ api }) => {
    const resident = residentOf(unique('r'));
    dataOf(
      await api.POST('/api/cases', {
        body: {
          summary: 'Blocked drain',
          ...resident,
          priority: 'normal',
          sourceChannel: 'phone',
          highlightedForPublic: false,
        },
      }),
    );
    const found = dataOf(
      await api.GET('/api/residents/export', { params: { query: { email: resident.residentEmail } } }),
    );
    if (typeof found === 'string') throw new Error('the subject access export answered CSV to a JSON request');
    expect(found.cases).toEqual([expect.objectContaining({ residentName: resident.residentName })]);
    const erased = dataOf(
      await api.POST('/api/residents/erase', { body: { email: resident.residentEmail, confirm: 1 } }),
    );
    expect(erased).toMatchObject({ cases: 1 });
    const after = dataOf(
      await api.GET('/api/residents/export', { params: { query: { email: resident.residentEmail } } }),
    );
    if (typeof after === 'string') throw new Error('the subject access export answered CSV to a JSON request');
    expect(after.cases).toEqual([]);
  },
};

export const publicIntakeScenarios: Scenarios = {
  'takes a report from a resident without a key once the form is open': async ({ api, anonymous, admin }) => {
    dataOf(await api.PATCH('/api/settings', { body: { publicFormEnabled: true } }));
    const summary = unique('Overflowing bin on the green');
    const receipt = dataOf(
      await anonymous.POST('/api/public/{tenantSlug}/cases', {
        params: { path: { tenantSlug: admin.tenant.slug } },
        body: { summary, residentName: 'Jo Bloggs', residentEmail: 'jo@example.org' },
      }),
    );
    expect(Object.keys(receipt)).toEqual(['reference']);
    const listed = dataOf(await api.GET('/api/cases', { params: { query: { sourceChannel: ['web_form'] } } }));
    expect(listed.cases.find((kase) => kase.reference === receipt.reference)).toMatchObject({ summary });
  },

  'an unknown council is a 404': async ({ anonymous }) => {
    const refused = await anonymous.POST('/api/public/{tenantSlug}/cases', {
      params: { path: { tenantSlug: 'no-such-council' } },
      body: { summary: 'Anything' },
    });
    expect(refused.response.status).toBe(404);
  },
};
