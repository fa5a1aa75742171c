import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@wardline/auth';
import { ADMIN_CSS, ADMIN_JS } from './admin-assets';
import { ADMIN_PATH } from './admin-paths';

@ApiExcludeController()
@Public()
@Controller(`${ADMIN_PATH}/assets`)
export class AdminAssetsController {
  @Get('admin.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  css(): string {
    return ADMIN_CSS;
  }

  @Get('admin.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  js(): string {
    return ADMIN_JS;
  }
}
