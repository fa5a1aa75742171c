import { ApiError } from '@wardline/common';

/**
 * An event ends after it starts, and may not be given a start in the past (a new event, or a
 * moved one; an event that has begun keeps its start through other edits). Both are 422.
 */
export function requireValidTimes(
  times: { startsAt: string; endsAt: string | null },
  { startsAtMoved }: { startsAtMoved: boolean },
): void {
  const fields: Record<string, string[]> = {};
  if (startsAtMoved && Date.parse(times.startsAt) <= Date.now()) fields.startsAt = ['startsAt must be in the future'];
  if (times.endsAt !== null && Date.parse(times.endsAt) <= Date.parse(times.startsAt)) {
    fields.endsAt = ['endsAt must be after startsAt'];
  }
  if (Object.keys(fields).length > 0) throw ApiError.unprocessable('Invalid event times', { fields });
}
