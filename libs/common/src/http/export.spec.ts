import { csvField, neutraliseCsvCell } from './export';

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

describe('csvField (RFC 4180)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['', ''],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes null as an empty field and numbers and booleans as text', () => {
    expect([csvField(null), csvField(-5), csvField(0), csvField(true), csvField(false)]).toEqual([
      '',
      '-5',
      '0',
      'true',
      'false',
    ]);
  });

  it('neutralises formula-like text before quoting it', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('\rreturn')).toBe(`"'\rreturn"`);
  });
});
