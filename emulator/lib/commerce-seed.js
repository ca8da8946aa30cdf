// @ts-check
'use strict';

/**
 * Default seed of the loyalty and commerce sections (promo codes, goals, loyalty programs, Market). It is merged into
 * the emulator's seed by key: a custom seed passed to `createEmulator({ seed })` may carry any of the top-level keys
 * `promoCodePrograms`, `pixels`, `loyaltyPrograms`, `market`; a key it leaves out is taken from here.
 *
 * @typedef {{ id: number, accountId?: number, name: string, multiple_use?: boolean, capacity?: number | null,
 *   codes?: string[] }} PromoCodeProgramSeed
 *   `multiple_use`: a code may be attached to several profiles; `capacity`: the most codes the program holds (null = no limit)
 * @typedef {{ id: number, accountId?: number, name: string }} PixelSeed
 * @typedef {{ iid: number, eid: string, name: string, default?: boolean, qualification?: boolean, lifetime_days?: number }} CurrencySeed
 * @typedef {{ id: number, eid: string, name: string, threshold: string }} TierSeed
 * @typedef {{ id: number, name: string, type: string, points_currency_iid: number, tiers: TierSeed[] }} TierGroupSeed
 * @typedef {{ points_currency_iid: number, static_amount?: string, min_amount?: string, max_amount?: string }} PromotionRuleSeed
 * @typedef {{ id: number, name: string, description?: string, external_id: string, start_date?: string, end_date?: string,
 *   is_active: boolean, accrual_rules?: PromotionRuleSeed[], redeem_rules?: PromotionRuleSeed[] }} PromotionSeed
 * @typedef {{ id: number, accountId?: number, name: string, db_id: number, external_id?: string, currencies: CurrencySeed[],
 *   tier_groups?: TierGroupSeed[], trigger_promotions?: PromotionSeed[] }} LoyaltyProgramSeed
 * @typedef {{ id: number, name: string, db_id: number, endpoints: string[] }} SalesChannelSeed
 * @typedef {{ accountId?: number, currencies: string[], sales_channels: SalesChannelSeed[], regions: string[],
 *   order_statuses: string[] }} MarketSeed
 *   Market settings of an account (UI settings in the platform: currencies, sales channels with touchpoints, regions,
 *   order statuses). Products, SKUs, categories, custom fields, line statuses and orders are created through the API.
 * @typedef {{ promoCodePrograms?: PromoCodeProgramSeed[], pixels?: PixelSeed[], loyaltyPrograms?: LoyaltyProgramSeed[],
 *   market?: MarketSeed[] }} CommerceSeed
 */

/** @type {CommerceSeed} */
const DEFAULT_COMMERCE_SEED = {
	promoCodePrograms: [
		{
			id: 1,
			name: 'Welcome discount',
			multiple_use: false,
			capacity: null,
			codes: ['WELCOME-001', 'WELCOME-002', 'WELCOME-003', 'WELCOME-004', 'WELCOME-005'],
		},
		{ id: 2, name: 'Summer universal code', multiple_use: true, capacity: 3, codes: ['SUMMER-2025'] },
		{ id: 3, accountId: 2, name: 'Other account codes', codes: ['OTHER-1'] },
	],
	pixels: [
		{ id: 1, name: 'Website' },
		{ id: 2, name: 'Mobile app' },
		{ id: 3, accountId: 2, name: 'Other account pixel' },
	],
	loyaltyPrograms: [
		{
			id: 1,
			name: 'Bonus club',
			db_id: 1,
			external_id: 'bonus_club',
			currencies: [
				{ iid: 1, eid: 'bonus_points', name: 'Bonus points', default: true, lifetime_days: 365 },
				{ iid: 2, eid: 'stars', name: 'Stars' },
				{ iid: 3, eid: 'tier_points', name: 'Tier points', qualification: true },
			],
			tier_groups: [
				{
					id: 10,
					name: 'Status',
					type: 'cumulative',
					points_currency_iid: 3,
					tiers: [
						{ id: 101, eid: 'bronze', name: 'Bronze', threshold: '0' },
						{ id: 102, eid: 'silver', name: 'Silver', threshold: '1000.00' },
						{ id: 103, eid: 'gold', name: 'Gold', threshold: '5000.00' },
					],
				},
			],
			trigger_promotions: [
				{
					id: 1,
					name: 'Welcome bonus',
					description: 'Points for joining the club',
					external_id: 'welcome_bonus',
					start_date: '2024-01-01T00:00:00Z',
					is_active: true,
					accrual_rules: [{ points_currency_iid: 1, static_amount: '100.00' }],
				},
				{
					id: 2,
					name: 'Order cashback',
					description: 'Cashback points for orders; points can be spent on orders',
					external_id: 'PROMO123',
					start_date: '2024-01-01T00:00:00Z',
					is_active: true,
					accrual_rules: [
						{ points_currency_iid: 1, min_amount: '1.00', max_amount: '10000.00' },
						{ points_currency_iid: 2 },
						{ points_currency_iid: 3 },
					],
					redeem_rules: [
						{ points_currency_iid: 1, min_amount: '1.00', max_amount: '5000.00' },
						{ points_currency_iid: 2 },
					],
				},
				{
					id: 3,
					name: 'Birthday gift',
					description: '',
					external_id: 'birthday',
					start_date: '2024-01-01T00:00:00Z',
					is_active: true,
					accrual_rules: [{ points_currency_iid: 1, static_amount: '500.00' }],
				},
				{
					id: 4,
					name: 'Winter sale',
					description: 'Finished campaign',
					external_id: 'winter_sale',
					start_date: '2024-12-01T00:00:00Z',
					end_date: '2025-02-28T23:59:59Z',
					is_active: false,
					accrual_rules: [{ points_currency_iid: 1 }],
				},
				{
					id: 5,
					name: 'Spend stars',
					description: 'Redeem stars for gifts',
					external_id: 'spend_stars',
					start_date: '2024-01-01T00:00:00Z',
					is_active: true,
					redeem_rules: [{ points_currency_iid: 2, min_amount: '10.00' }],
				},
			],
		},
		{
			id: 2,
			name: 'Leads club',
			db_id: 2,
			external_id: 'leads_club',
			currencies: [{ iid: 4, eid: 'lead_points', name: 'Lead points', default: true }],
			tier_groups: [],
			trigger_promotions: [],
		},
	],
	market: [
		{
			accountId: 1,
			currencies: ['RUB', 'USD', 'EUR'],
			sales_channels: [
				{ id: 1, name: 'Online store', db_id: 1, endpoints: ['website', 'shop', 'bot', 'marketplace'] },
				{ id: 2, name: 'Partners', db_id: 2, endpoints: ['partner'] },
			],
			regions: ['region_moscow', 'region_spb'],
			order_statuses: ['new', 'confirmed', 'paid', 'delivered', 'canceled', 'part_refunded', 'refunded'],
		},
	],
};

/**
 * @param {any} o
 * @returns {any}
 */
function deepFreeze(o) {
	if (o && typeof o === 'object' && !Object.isFrozen(o)) {
		Object.freeze(o);
		for (const k of Object.keys(o)) deepFreeze(o[k]);
	}
	return o;
}
deepFreeze(DEFAULT_COMMERCE_SEED);

/**
 * The commerce part of a store's seed: each key from the seed, or else from DEFAULT_COMMERCE_SEED.
 * @param {unknown} seed  the emulator's (completed) seed
 * @returns {Required<CommerceSeed>}
 */
function commerceSeedOf(seed) {
	const s = /** @type {CommerceSeed} */ (seed && typeof seed === 'object' ? seed : {});
	const d = DEFAULT_COMMERCE_SEED;
	return structuredClone({
		promoCodePrograms: s.promoCodePrograms ?? d.promoCodePrograms ?? [],
		pixels: s.pixels ?? d.pixels ?? [],
		loyaltyPrograms: s.loyaltyPrograms ?? d.loyaltyPrograms ?? [],
		market: s.market ?? d.market ?? [],
	});
}

module.exports = { DEFAULT_COMMERCE_SEED, commerceSeedOf };
