import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '@wardline/auth';
import { ApiErrorResponses, IfMatch, type Versioned } from '@wardline/common';
import { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsResponse } from './settings.response';
import { SettingsService } from './settings.service';

@ApiTags('Settings')
@Controller('api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @RequireScope('settings:read')
  @ApiOperation({ summary: "The council's settings" })
  @ApiOkResponse({ type: SettingsResponse, headers: { ETag: { schema: { type: 'string' } } } })
  get(): Promise<Versioned<SettingsResponse>> {
    return this.settings.get();
  }

  @Patch()
  @RequireScope('settings:write')
  @ApiOperation({
    summary: "Change the council's settings (only the given fields change)",
    description:
      'Takes effect at once: new cases take the new reference prefix and SLA; existing references never change. ' +
      'Out-of-range values, an unknown time zone or locale, or a prefix other than 2–6 uppercase letters: 422.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 409 if it changed' })
  @ApiOkResponse({ type: SettingsResponse })
  @ApiErrorResponses(400, 409, 413, 422)
  update(
    @Body() body: UpdateSettingsDto,
    @IfMatch() expectedVersion: number | undefined,
  ): Promise<Versioned<SettingsResponse>> {
    return this.settings.update(body, expectedVersion);
  }
}
