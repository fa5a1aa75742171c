import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min, validate } from 'class-validator';
import { IsOneOf } from './decorators';
import { describeValidationErrors } from './field-errors';

class Sample {
  @IsString()
  @Length(1, 10)
  name!: string;

  @IsOptional()
  @IsOneOf(['low', 'high'])
  level?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  count?: number;
}

const describeInput = async (input: object) =>
  describeValidationErrors(await validate(plainToInstance(Sample, input), { forbidUnknownValues: true }));

describe('describeValidationErrors', () => {
  it.each([
    ['a missing field', {}, { name: ['name is required'] }, false],
    ['null', { name: null }, { name: ['name must not be null'] }, false],
    ['a wrong type: only the type is named', { name: 5 }, { name: ['name must be a string'] }, false],
    ['a number for an enum', { name: 'a', level: 5 }, { level: ['level must be a string, one of: low, high'] }, false],
    ['an unknown enum string', { name: 'a', level: 'mid' }, { level: ['level must be one of: low, high'] }, true],
    [
      'a fraction out of range: one type message',
      { name: 'a', count: 99.5 },
      { count: ['count must be an integer'] },
      false,
    ],
  ])('%s', async (_label, input, fields, onlyDomainRules) => {
    expect(await describeInput(input)).toEqual({ fields, onlyDomainRules });
  });

  it('a domain rule beside a bad request is a bad request', async () => {
    expect(await describeInput({ level: 'mid' })).toEqual({
      fields: { name: ['name is required'], level: ['level must be one of: low, high'] },
      onlyDomainRules: false,
    });
  });
});
