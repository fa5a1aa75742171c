import { isRfc3339DateTime } from './decorators';

describe('isRfc3339DateTime', () => {
  it.each(['2030-01-15T10:30:00Z', '2030-01-15T10:30:00.123Z', '2030-01-15T10:30:00+01:00', '2030-01-15t10:30:00z'])(
    'accepts %s',
    (value) => expect(isRfc3339DateTime(value)).toBe(true),
  );

  it.each([
    '2030-01-15',
    '2030-01-15T10:30:00',
    '2030-015',
    '2030-W03-2',
    '2030-W03-2T10:00:00Z',
    '2030-02-30T10:00:00Z',
  ])('refuses %s', (value) => expect(isRfc3339DateTime(value)).toBe(false));
});
