import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiError } from '@wardline/common';
import { ActorContext, systemActor, TenantTransaction } from '@wardline/tenancy';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { CasesService } from '../cases/cases.service';
import type { PublicCaseDto, PublicCaseReceipt } from './public-case.dto';

export const PUBLIC_FORM_ACTOR = systemActor('public form');

/** The same answer for an unknown council and a switched-off form: the form reveals no councils. */
const formNotFound = () => ApiError.notFound('Form');

/** A resident's submission through a council's public form becomes a case like any other. */
@Injectable()
export class PublicIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transaction: TenantTransaction,
    private readonly actors: ActorContext,
    private readonly cases: CasesService,
  ) {}

  async submit(slug: string, input: PublicCaseDto, request: FastifyRequest): Promise<PublicCaseReceipt> {
    const tenantId = await this.openFormOf(slug);
    if (!tenantId) throw formNotFound();
    this.actors.enter(PUBLIC_FORM_ACTOR, {
      requestId: request.id,
      ip: request.ip,
      userAgent: request.headers['user-agent']?.slice(0, 512) ?? null,
    });
    const created = await this.transaction.runFor(tenantId, () =>
      this.cases.open({ ...input, sourceChannel: 'web_form' }, [
        { type: 'contact_submitted', data: { channel: 'web_form' } },
      ]),
    );
    return { reference: created.body.reference };
  }

  /** The tenant whose public form is open at `slug`, found before any tenant context exists. */
  private async openFormOf(slug: string): Promise<string | undefined> {
    const [row] = (await this.dataSource.query('SELECT * FROM wardline_public_form_tenant($1)', [slug])) as {
      tenant_id: string;
      public_form_enabled: boolean;
    }[];
    return row?.public_form_enabled ? row.tenant_id : undefined;
  }
}
