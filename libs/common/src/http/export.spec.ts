import { neutraliseCsvCell } from './export';

describe('neutraliseCsvCell (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tindented', "'\tindented"],
    ['\rreturn', "'\rreturn"],
  ])('%j starts with a formula trigger → %j', (value, expected) => {
    expect(neutraliseCsvCell(value)).toBe(expected);
  });

  it.each(['Pothole on Mill Lane', "'already quoted", ' =leading space', 'a=b', ''])('%j is left as it is', (value) => {
    expect(neutraliseCsvCell(value)).toBe(value);
  });

  it('leaves numbers, booleans and null alone (a negative number is not text)', () => {
    expect([neutraliseCsvCell(-5), neutraliseCsvCell(true), neutraliseCsvCell(null)]).toEqual([-5, true, null]);
  });
});
