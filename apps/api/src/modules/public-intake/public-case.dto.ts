import { ApiProperty, PickType } from '@nestjs/swagger';
import { CreateCaseDto } from '../cases/dto/create-case.dto';

/** What a resident may send through the public form: anything else is refused (400). */
export class PublicCaseDto extends PickType(CreateCaseDto, [
  'summary',
  'description',
  'residentName',
  'residentEmail',
  'residentPhone',
  'residentAddress',
  'residentPostcode',
  'categoryId',
  'wardId',
] as const) {}

export class PublicCaseReceipt {
  @ApiProperty({ example: 'CW-2026-0042', description: "The new case's reference: all a resident learns" })
  reference!: string;
}
