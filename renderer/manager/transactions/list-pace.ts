/**
 * How the Transactions list pages and waits. No imports, so the manager bench loads the same
 * numbers under plain Node instead of keeping copies.
 */

/** Rows a `journalList` call asks for. */
export const PAGE_SIZE = 200;

/**
 * The search box waits this long after the last keystroke before it asks: short enough to feel
 * immediate (the query itself takes ~20 ms at 100k rows), long enough not to query per keystroke.
 */
export const SEARCH_DEBOUNCE_MS = 120;
