import { Reflector } from '@nestjs/core';

/**
 * Marks a read-only route whose several queries must see one snapshot of the data (REPEATABLE
 * READ): a report combines counts read from one table with values read from another, and a
 * change committed between the two must not set them apart.
 */
export const SnapshotTransaction = Reflector.createDecorator<true>({ transform: () => true });
