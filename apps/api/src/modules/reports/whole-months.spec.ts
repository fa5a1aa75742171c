import { wholeMonthsOf } from './whole-months';

describe('wholeMonthsOf', () => {
  it('takes the months a period covers from first to last day', () => {
    expect(wholeMonthsOf('2026-03-01', '2026-04-30')).toEqual({ from: '2026-03-01', until: '2026-05-01' });
    expect(wholeMonthsOf('2025-12-02', '2026-12-01')).toEqual({ from: '2026-01-01', until: '2026-12-01' });
    expect(wholeMonthsOf('2024-02-01', '2024-02-29')).toEqual({ from: '2024-02-01', until: '2024-03-01' });
    expect(wholeMonthsOf('2025-11-15', '2026-01-31')).toEqual({ from: '2025-12-01', until: '2026-02-01' });
  });

  it('is empty (at from) when no month is whole', () => {
    expect(wholeMonthsOf('2026-03-02', '2026-04-29')).toEqual({ from: '2026-03-02', until: '2026-03-02' });
    expect(wholeMonthsOf('2026-03-01', '2026-03-30')).toEqual({ from: '2026-03-01', until: '2026-03-01' });
    expect(wholeMonthsOf('2026-03-31', '2026-04-01')).toEqual({ from: '2026-03-31', until: '2026-03-31' });
  });
});
