import type { ChangeRecorder } from '@wardline/changes';
import { type ApiError, versioned, type Versioned, versionMismatch } from '@wardline/common';
import type { User } from '@wardline/database';
import { type TenantRepository, type UpdateOutcome, updatedOrThrow } from '@wardline/tenancy';
import { SUCCESS, type SuccessResponse } from '../success.response';
import { authorIn, authorsOf, type CreatedByResponse } from './created-by';
import { approveMany, type Publishable } from './publication';

interface StoredPublication extends Publishable {
  createdById: string;
  version: number;
}

export interface PublicationKind<E, R> {
  /** The audit resource type and action prefix: `event` → `event.created`, `event.approved`, ... */
  resourceType: 'event' | 'news';
  /** The webhook announcing a first publication, with the item under `data.<resourceType>`. */
  publishedEvent: 'event_published' | 'news_published';
  toResponse: (row: E, createdBy: CreatedByResponse) => R;
  notFound: () => ApiError;
}

/**
 * What events and news share: reading with their authors, recording creates and updates
 * (announcing a first publication), deleting, and bulk approval — each write through the
 * change recorder in the request's transaction.
 */
export class PublicationStore<E extends StoredPublication, R extends object> {
  constructor(
    private readonly rows: TenantRepository<E>,
    private readonly users: TenantRepository<User>,
    private readonly recorder: ChangeRecorder,
    private readonly kind: PublicationKind<E, R>,
  ) {}

  async present(rows: E[]): Promise<R[]> {
    const authors = await authorsOf(this.users, rows);
    return rows.map((row) => this.kind.toResponse(row, authorIn(authors, row.createdById)));
  }

  async presentOne(row: E): Promise<Versioned<R>> {
    const [response] = await this.present([row]);
    return versioned(response, row.version);
  }

  async get(id: string): Promise<Versioned<R>> {
    const row = await this.rows.findById(id);
    if (!row) throw this.kind.notFound();
    return this.presentOne(row);
  }

  /** Locks the row a PATCH is about to change (its approval depends on what it is now). */
  async lock(id: string): Promise<E> {
    const row = await this.rows.findForUpdate(id);
    if (!row) throw this.kind.notFound();
    return row;
  }

  async recordCreated(row: E): Promise<Versioned<R>> {
    const shown = await this.presentOne(row);
    await this.recorder.record({
      action: `${this.kind.resourceType}.created`,
      resourceType: this.kind.resourceType,
      resourceId: row.id,
      after: shown.body,
    });
    return shown;
  }

  /** Records a PATCH: `<type>.approved` when it approved the item, else `<type>.updated`. */
  async recordUpdated(
    outcome: UpdateOutcome<E>,
    approval: { approves: boolean; firstPublished: boolean },
  ): Promise<Versioned<R>> {
    const row = updatedOrThrow(outcome, this.kind.notFound, (current) => versionMismatch(current.version));
    const shown = await this.presentOne(row);
    if (outcome.kind === 'updated') {
      const [before] = await this.present([outcome.before]);
      await this.recorder.record({
        action: `${this.kind.resourceType}.${approval.approves ? 'approved' : 'updated'}`,
        resourceType: this.kind.resourceType,
        resourceId: row.id,
        before,
        after: shown.body,
        events: approval.firstPublished ? [this.published(shown.body)] : [],
      });
    }
    return shown;
  }

  async delete(id: string): Promise<SuccessResponse> {
    const [shown] = await this.present([await this.lock(id)]);
    await this.rows.delete(id);
    await this.recorder.record({
      action: `${this.kind.resourceType}.deleted`,
      resourceType: this.kind.resourceType,
      resourceId: id,
      before: shown,
    });
    return SUCCESS;
  }

  /**
   * Approves the tenant's unapproved items among `ids`: one audit entry for the request naming
   * the ids it approved (none when it approved none), one outbox row per first publication.
   */
  async approve(ids: readonly string[]): Promise<{ approved: number }> {
    const result = await approveMany(this.rows, ids);
    if (result.approved.length > 0) {
      const published = await this.present(result.firstPublished);
      await this.recorder.record({
        action: `${this.kind.resourceType}.approved`,
        resourceType: this.kind.resourceType,
        resourceId: null,
        after: { ids: result.approved.map((row) => row.id), approved: true },
        events: published.map((item) => this.published(item)),
      });
    }
    return { approved: result.approved.length };
  }

  private published(item: R) {
    return { type: this.kind.publishedEvent, data: { [this.kind.resourceType]: item } };
  }
}
