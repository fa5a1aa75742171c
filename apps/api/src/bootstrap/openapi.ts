import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME, BEARER_SCHEME } from '@wardline/auth';
import { documentValidationRules } from '@wardline/common';
import { operationIdOf } from './openapi-operation-id';
import { polishOpenApiDocument } from './openapi-polish';

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Wardline API')
    .setDescription(
      'Casework API for UK councils and councillors. Every request carries an API key, as ' +
        '`Authorization: Bearer <key>` or `X-API-Key: <key>`; the key fixes the tenant, and the ' +
        "tenant's plan, the key's scopes and its owner's role decide what it may do. Errors are " +
        '`{ "error": "...", "details": { } }` (the `Error` schema). The full reference is in the ' +
        "repository's `docs/` folder.",
    )
    .setVersion('1')
    .addServer(
      '/',
      'The instance serving this document: production, staging or a local test instance alike',
      {},
      {
        'x-internal': false,
      },
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'Wardline API key (wl_…)',
        description: 'API key as a Bearer token',
      },
      BEARER_SCHEME,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'API key header' }, API_KEY_SCHEME)
    .build();
  config.info.contact = { name: "Your council's Wardline operator" };
  config.info.license = { name: 'Proprietary: all rights reserved' };
  documentValidationRules();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => operationIdOf(controllerKey, methodKey),
  });
  return polishOpenApiDocument(document);
}

/** `GET /openapi.json` and Swagger UI at `GET /docs`, both without a key. */
export function mountOpenApi(app: NestFastifyApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    swaggerOptions: { persistAuthorization: true },
    customSiteTitle: 'Wardline API',
  });
}
