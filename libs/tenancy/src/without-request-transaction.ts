import { Reflector } from '@nestjs/core';

/**
 * Marks a route whose work must not run inside the request's tenant transaction: a streamed
 * response (an export) opens its own short transaction per batch instead, so no connection is
 * held while the client reads. A route that reads nothing from the database needs none either.
 */
export const WithoutRequestTransaction = Reflector.createDecorator<true>({ transform: () => true });
