import type { CursorPaging } from '../types';

/**
 * Altcraft's cursor paging (00-interaction.md §8): `from_id` carries the cursor, the answer's `next_from_id` the next
 * one, `limit` the page size. Lists differ only in their largest page, and the loyalty transactions in how they
 * continue when an answer has no next cursor.
 */
export function fromIdPaging(maxPageSize: number, lastItemCursor?: string): CursorPaging {
	return { cursorParam: 'from_id', nextCursor: 'next_from_id', limitParam: 'limit', maxPageSize, ...(lastItemCursor ? { lastItemCursor } : {}) };
}
