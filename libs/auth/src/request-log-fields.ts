import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';

const LOG_FIELDS = Symbol('wardline.logFields');

export interface RequestLogFields {
  tenantId: string;
  keyPrefix: string;
}

type Tagged = IncomingMessage & { [LOG_FIELDS]?: RequestLogFields };

/** Who made the request, for its log line (written when the response is finished). */
export function tagRequestForLogs(request: IncomingMessage, principal: Principal): void {
  (request as Tagged)[LOG_FIELDS] = { tenantId: principal.tenant.id, keyPrefix: principal.key.prefix };
}

export function logFieldsOf(request: IncomingMessage): RequestLogFields | undefined {
  return (request as Tagged)[LOG_FIELDS];
}
