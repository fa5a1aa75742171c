import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';
import { currentRequest } from '../bootstrap/request-context';

const REQUEST_LOGGER = Symbol('wardline.requestLogger');
type WithLogger = { [REQUEST_LOGGER]?: Logger };

/**
 * What is logged while a request runs carries that request (`req`: id, method, path). Its child
 * logger is made the first time the request logs anything, not for every request.
 */
export class RequestPinoLogger extends PinoLogger {
  override get logger(): Logger {
    const root = super.logger;
    const request = currentRequest();
    if (!request) return root;
    const raw = request.raw as WithLogger;
    return (raw[REQUEST_LOGGER] ??= root.child({ req: request.raw }));
  }
}
