import type { ApiKeyListItem } from '@wardline/accounts';
import type { Command } from 'commander';
import { parseCount, parseIsoDate, parseList } from '../argument-parsers';
import { MAX_ROTATION_GRACE_HOURS } from '@wardline/accounts';
import { type OutputOptions, print, table } from '../cli-output';
import { withOperator } from '../cli-session';

interface CreateOptions extends OutputOptions {
  tenant: string;
  owner: string;
  name: string;
  scopes: string[];
  expiresAt?: Date;
}

interface RotateOptions extends OutputOptions {
  graceHours?: number;
}

interface ListOptions extends OutputOptions {
  tenant: string;
}

const day = (iso: string | null): string => (iso ? iso.slice(0, 10) : '-');

function listText(keys: ApiKeyListItem[], tenant: string): string {
  if (keys.length === 0) return `No API keys in tenant ${tenant}`;
  return table(
    ['ID', 'NAME', 'PREFIX', 'STATUS', 'OWNER', 'SCOPES', 'CREATED', 'LAST USED', 'EXPIRES'],
    keys.map((key) => [
      key.id,
      key.name,
      key.prefix,
      key.status,
      key.owner.email,
      key.scopes.join(','),
      day(key.createdAt),
      day(key.lastUsedAt),
      day(key.expiresAt),
    ]),
  );
}

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('create, list and revoke API keys');

  apikey
    .command('create')
    .description('create an API key; the key is shown once')
    .requiredOption('--tenant <tenant>', 'tenant id or slug')
    .requiredOption('--owner <user>', 'id or email of the user the key acts for')
    .requiredOption('--name <name>', 'what the key is for, e.g. "Website contact form"')
    .requiredOption(
      '--scopes <scopes>',
      'comma-separated scopes within the plan, e.g. cases:read,cases:write',
      parseList,
    )
    .option('--expires-at <iso>', 'expiry date-time (ISO-8601), in the future', parseIsoDate)
    .option('--json', 'print one JSON object')
    .action((options: CreateOptions) =>
      withOperator(async ({ tenants, apiKeys }) => {
        const created = await apiKeys.create(await tenants.require(options.tenant), {
          owner: options.owner,
          name: options.name,
          scopes: options.scopes,
          expiresAt: options.expiresAt,
        });
        print(options, created, () =>
          [
            `Created API key ${created.prefix}… (id: ${created.id})`,
            `  scopes:  ${created.scopes.join(', ')}`,
            `  expires: ${created.expiresAt ?? 'never'}`,
            '',
            created.key,
            '',
            'Store this key now: it is not shown again.',
          ].join('\n'),
        );
      }),
    );

  apikey
    .command('list')
    .description("list a tenant's API keys, newest first")
    .requiredOption('--tenant <tenant>', 'tenant id or slug')
    .option('--json', 'print one JSON object')
    .action((options: ListOptions) =>
      withOperator(async ({ tenants, apiKeys }) => {
        const list = await apiKeys.list(await tenants.require(options.tenant));
        print(options, { apiKeys: list }, () => listText(list, options.tenant));
      }),
    );

  apikey
    .command('revoke')
    .description('revoke an API key: every API instance refuses it within a second')
    .argument('<keyId>', 'API key id')
    .option('--json', 'print one JSON object')
    .action((keyId: string, options: OutputOptions) =>
      withOperator(async ({ apiKeys }) => {
        const revoked = await apiKeys.revoke(keyId);
        print(options, revoked, () => `Revoked API key ${revoked.name} (${revoked.prefix}…) at ${revoked.revokedAt}`);
      }),
    );

  apikey
    .command('rotate')
    .description('replace an API key with a new one (same name, owner, scopes and expiry); shown once')
    .argument('<keyId>', 'API key id')
    .option(
      '--grace-hours <n>',
      `hours the old key keeps working (0-${MAX_ROTATION_GRACE_HOURS}; default 0: revoked at once)`,
      parseCount,
    )
    .option('--json', 'print one JSON object')
    .action((keyId: string, options: RotateOptions) =>
      withOperator(async ({ apiKeys }) => {
        const rotated = await apiKeys.rotate(keyId, options.graceHours ?? 0);
        const { replaces, ...created } = rotated;
        print(
          options,
          {
            ...created,
            replaces: {
              id: replaces.id,
              status: replaces.status,
              expiresAt: replaces.expiresAt,
              revokedAt: replaces.revokedAt,
            },
          },
          () =>
            [
              `Rotated API key ${replaces.prefix}… → ${created.prefix}… (id: ${created.id})`,
              replaces.revokedAt
                ? '  the old key is revoked'
                : `  the old key keeps working until ${replaces.expiresAt ?? 'never'}`,
              '',
              created.key,
              '',
              'Store this key now: it is not shown again.',
            ].join('\n'),
        );
      }),
    );
}
