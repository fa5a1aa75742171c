import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, RequireScope } from '@wardline/auth';
import { viewerOf } from '@wardline/casework';
import { ApiErrorResponses } from '@wardline/common';
import { HeavyWork } from '../../shared/heavy-work/heavy-work';
import { EraseResidentDto, ResidentMatchQuery } from './dto/resident-match.dto';
import { ResidentErasureResponse, ResidentExportResponse } from './resident.responses';
import { ResidentsService } from './residents.service';

const MATCHERS = 'Name the resident by exactly one of `email`, `phone`, or `postcode` with `name`.';

@ApiTags('Residents')
@Controller('api/residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Get('export')
  @RequireScope('cases:read', { minRole: 'manager', plans: ['council'] })
  @HeavyWork()
  @ApiOperation({
    summary: 'Subject access: every case and note holding a resident’s details',
    description: `${MATCHERS} Audited as \`resident.exported\` (who asked and by which kind of detail).`,
  })
  @ApiOkResponse({ type: ResidentExportResponse })
  @ApiErrorResponses(400, 422)
  export(
    @Query() query: ResidentMatchQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ResidentExportResponse> {
    return this.residents.export(query, viewerOf(principal));
  }

  @Post('erase')
  @HttpCode(200)
  @RequireScope('cases:write', { minRole: 'admin', plans: ['council'] })
  @HeavyWork()
  @ApiOperation({
    summary: 'Erasure: anonymise a resident across the council’s cases and their timelines',
    description:
      `${MATCHERS} \`confirm\` must be the number of matching cases (422 otherwise). Name, email, phone and ` +
      'address are emptied, the postcode kept to its outward code, note bodies replaced. Audited as `resident.erased` ' +
      'with counts only.',
  })
  @ApiOkResponse({ type: ResidentErasureResponse })
  @ApiErrorResponses(400, 422)
  erase(@Body() body: EraseResidentDto): Promise<ResidentErasureResponse> {
    return this.residents.erase(body);
  }
}
