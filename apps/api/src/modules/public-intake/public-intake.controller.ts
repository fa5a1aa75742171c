import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtension, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@wardline/auth';
import { ApiErrorResponses } from '@wardline/common';
import type { FastifyRequest } from 'fastify';
import { PublicCaseDto, PublicCaseReceipt } from './public-case.dto';
import { PUBLIC_FORM_PER_HOUR, PublicFormRateLimitGuard } from './public-form-rate-limit.guard';
import { PublicIntakeService } from './public-intake.service';

@ApiTags('Public intake')
@Controller('api/public/:tenantSlug/cases')
export class PublicIntakeController {
  constructor(private readonly intake: PublicIntakeService) {}

  @Post()
  @HttpCode(201)
  @Public()
  @UseGuards(PublicFormRateLimitGuard)
  @ApiExtension('x-public', true)
  @ApiOperation({
    summary: "Report a problem through a council's public form (no key)",
    description:
      "Open only while the council's `publicFormEnabled` is on; an unknown council and a closed form answer " +
      `the same 404. At most ${PUBLIC_FORM_PER_HOUR} requests per hour per client IP (429 with Retry-After). ` +
      'Accepts resident fields, summary, description, categoryId and wardId only. Creates a case with ' +
      '`sourceChannel: web_form` and answers with its reference only.',
    security: [],
  })
  @ApiParam({ name: 'tenantSlug', example: 'demo-borough' })
  @ApiCreatedResponse({ type: PublicCaseReceipt })
  @ApiErrorResponses(400, 404, 413, 422, 429)
  submit(
    @Param('tenantSlug') slug: string,
    @Body() body: PublicCaseDto,
    @Req() request: FastifyRequest,
  ): Promise<PublicCaseReceipt> {
    return this.intake.submit(slug, body, request);
  }
}
