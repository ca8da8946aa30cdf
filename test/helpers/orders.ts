import type { IDataObject, INodeParameters } from 'n8n-workflow';

/** Order → Import from typed fields: the buyer ann@example.com on the website, two lines (61-market.md §2). */
export const typedOrder = (externalId: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'order',
	operation: 'import',
	externalId,
	matching: 'email',
	email: 'ann@example.com',
	endpoint: 'website',
	status: 'new',
	currency: 'RUB',
	totalPrice: '4549.00',
	lines: {
		entry: [
			{ externalId: 'line-1', item: 'tshirt-red-m', count: 2, basePrice: '1700', finalPrice: '1500.00' },
			{ externalId: 'line-2', item: 'mug', count: 1, finalPrice: 1549, status: 'processing' },
		],
	},
	...extra,
});
