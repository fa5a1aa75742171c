import { ApiProperty } from '@nestjs/swagger';
import { COUNCIL_TIERS, type CouncilTier, type Ward } from '@wardline/database';
import { PaginationResponse } from '../../shared/pagination.response';

export class WardCouncillor {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class WardResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, example: 'E05011234' }) gssCode!: string | null;
  @ApiProperty({ enum: COUNCIL_TIERS, nullable: true }) councilTier!: CouncilTier | null;
  @ApiProperty({ type: String, nullable: true }) boundaryDescription!: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude!: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude!: number | null;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: WardCouncillor, isArray: true }) councillors!: WardCouncillor[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class WardExportRow extends WardResponse {
  @ApiProperty({ type: 'integer', description: 'Cases recorded in this ward' }) caseCount!: number;
}

export class WardListResponse {
  @ApiProperty({ type: WardResponse, isArray: true }) wards!: WardResponse[];
  @ApiProperty({ type: PaginationResponse }) pagination!: PaginationResponse;
}

export function toWardResponse(ward: Ward, councillors: WardCouncillor[]): WardResponse {
  return {
    id: ward.id,
    name: ward.name,
    gssCode: ward.gssCode,
    councilTier: ward.councilTier,
    boundaryDescription: ward.boundaryDescription,
    latitude: ward.latitude,
    longitude: ward.longitude,
    enabled: ward.enabled,
    councillors,
    createdAt: ward.createdAt.toISOString(),
    updatedAt: ward.updatedAt.toISOString(),
  };
}
