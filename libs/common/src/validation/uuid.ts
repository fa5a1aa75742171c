const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A textual UUID; ids that are not one cannot name a row, so lookups answer "not found". */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
