import { Injectable } from '@nestjs/common';
import { PrincipalContext } from '@wardline/auth';
import { CaseCounts, viewerOf } from '@wardline/casework';
import { ChangeRecorder } from '@wardline/changes';
import {
  ApiError,
  type Page,
  paginate,
  type SortSpec,
  versioned,
  type Versioned,
  versionMismatch,
} from '@wardline/common';
import { User, Ward } from '@wardline/database';
import { InjectTenantRepository, TenantRepository, TenantTransaction, updatedOrThrow } from '@wardline/tenancy';
import type { CreateWardDto } from './dto/create-ward.dto';
import type { ListWardsQuery, WardFilters } from './dto/list-wards.query';
import type { UpdateWardDto } from './dto/update-ward.dto';
import { toWardResponse, type WardCouncillor, type WardExportRow, type WardResponse } from './ward.response';

const WARD_SORT: SortSpec<Ward> = {
  fields: {
    name: { expression: 'ward.name', type: 'text', value: (ward) => ward.name },
    createdAt: { expression: 'ward.createdAt', type: 'timestamp', value: (ward) => ward.createdAt.toISOString() },
  },
  defaultSort: 'name',
  idExpression: 'ward.id',
  id: (ward) => ward.id,
};

const wardNotFound = () => ApiError.notFound('Ward');

@Injectable()
export class WardsService {
  constructor(
    @InjectTenantRepository(Ward) private readonly wards: TenantRepository<Ward>,
    @InjectTenantRepository(User) private readonly users: TenantRepository<User>,
    private readonly caseCounts: CaseCounts,
    private readonly recorder: ChangeRecorder,
    private readonly principals: PrincipalContext,
    private readonly transaction: TenantTransaction,
  ) {}

  private filtered(filters: WardFilters) {
    const query = this.wards.query('ward');
    if (filters.enabled !== undefined) query.andWhere('ward.enabled = :enabled', { enabled: filters.enabled });
    return query;
  }

  async list(query: ListWardsQuery): Promise<Page<WardResponse>> {
    const page = await paginate(this.filtered(query), query, WARD_SORT);
    return { items: await this.withCouncillors(page.items), pagination: page.pagination };
  }

  async get(id: string): Promise<Versioned<WardResponse>> {
    const ward = await this.wards.findById(id, 'ward');
    if (!ward) throw wardNotFound();
    return this.present(ward);
  }

  async create(input: CreateWardDto): Promise<Versioned<WardResponse>> {
    const ward = await this.wards.insert({ enabled: true, ...input });
    const shown = await this.present(ward);
    await this.recorder.record({
      action: 'ward.created',
      resourceType: 'ward',
      resourceId: ward.id,
      after: shown.body,
    });
    return shown;
  }

  async update(id: string, patch: UpdateWardDto, expectedVersion?: number): Promise<Versioned<WardResponse>> {
    const outcome = await this.wards.update(id, patch, expectedVersion);
    const ward = updatedOrThrow(outcome, wardNotFound, (current) => versionMismatch(current.version));
    const shown = await this.present(ward);
    if (outcome.kind === 'updated') {
      await this.recorder.record({
        action: 'ward.updated',
        resourceType: 'ward',
        resourceId: id,
        before: { ...shown.body, ...toWardResponse(outcome.before, shown.body.councillors) },
        after: shown.body,
      });
    }
    return shown;
  }

  /**
   * Every matching ward, by name, with its councillors and case count: read in one short
   * transaction when the export starts (a council has few wards), written out after it ends.
   */
  async *export(filters: WardFilters): AsyncGenerator<WardExportRow> {
    yield* await this.transaction.run(async () => {
      const wards = await this.filtered(filters).orderBy('ward.name', 'ASC').addOrderBy('ward.id', 'ASC').getMany();
      const caseCounts = await this.caseCounts.by('wardId', viewerOf(this.principals.current));
      const responses = await this.withCouncillors(wards);
      return responses.map((ward) => ({ ...ward, caseCount: caseCounts.get(ward.id) ?? 0 }));
    });
  }

  private async present(ward: Ward): Promise<Versioned<WardResponse>> {
    const [response] = await this.withCouncillors([ward]);
    return versioned(response, ward.version);
  }

  private async withCouncillors(wards: Ward[]): Promise<WardResponse[]> {
    if (wards.length === 0) return [];
    const councillors = await this.users
      .query('user')
      .andWhere(`user.role = 'councillor'`)
      .andWhere('user.wardIds && CAST(:wardIds AS uuid[])', { wardIds: wards.map((ward) => ward.id) })
      .orderBy('user.name', 'ASC')
      .getMany();
    return wards.map((ward) =>
      toWardResponse(
        ward,
        councillors
          .filter((user) => user.wardIds.includes(ward.id))
          .map((user): WardCouncillor => ({ id: user.id, name: user.name })),
      ),
    );
  }
}
