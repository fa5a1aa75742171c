import { setTimeout as sleep } from 'node:timers/promises';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { allowStreamedExports } from './export';

async function* slowBody(): AsyncGenerator<string> {
  yield 'first,';
  await sleep(300);
  yield 'last';
}

/**
 * What a client reads from a route streaming for 300 ms on a server whose request deadline is
 * 100 ms (`terminated`: the connection was cut mid-body).
 */
async function readStream(config: Record<string, unknown>): Promise<string> {
  const fastify = Fastify({ handlerTimeout: 100 });
  allowStreamedExports(fastify);
  fastify.get('/stream', { config }, (_request, reply) => reply.send(Readable.from(slowBody())));
  const address = await fastify.listen({ port: 0, host: '127.0.0.1' });
  try {
    return await (await fetch(`${address}/stream`)).text();
  } catch (error) {
    return (error as Error).message;
  } finally {
    await fastify.close();
  }
}

describe('the streamed export deadline', () => {
  it('lets a streamed export run past the request deadline to its end', async () => {
    expect(await readStream({ streamedExport: true })).toBe('first,last');
  });

  it('leaves every other route to the request deadline, which cuts a stream off', async () => {
    expect(await readStream({})).toBe('terminated');
  });
});
