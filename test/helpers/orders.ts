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

/**
 * Preorder → Calculate / Confirm fields on the website: two T-shirts M by SKU (21.50 each) and one T-shirt by product
 * (20.00), 63.00 RUB in total, no delivery cost (61-market.md §3). The catalogue must hold both.
 */
export const preorderFields = {
	endpoint: 'website',
	status: 'new',
	currency: 'RUB',
	totalPrice: '63.00',
	lines: {
		entry: [
			{ externalId: 'l1', itemType: 'sku', item: 'tshirt-m', count: 2 },
			{ externalId: 'l2', itemType: 'product', item: 'tshirt', count: 1 },
		],
	},
	orderFields: { deliveryCost: '0' },
};
