import { ListQueryDto } from '@wardline/common';

export class ListWebhooksQuery extends ListQueryDto {}

export class ListDeliveriesQuery extends ListQueryDto {}
