import type { PGlite, QueryOptions, Transaction } from '@electric-sql/pglite';
import { types } from '@electric-sql/pglite';

/**
 * What drizzle-orm asks PGlite for on every query: date and time values as PostgreSQL's text
 * (drizzle converts them itself). PGlite copies its whole parser table for each query that
 * brings its own parsers (measured: half the CPU of a one-row INSERT), so these are given once,
 * at construction, and `forDrizzle` drops the per-query copy.
 */
const keepAsText = (value: string) => value;
const drizzleTextTypes = [
	types.TIMESTAMP,
	types.TIMESTAMPTZ,
	types.INTERVAL,
	types.DATE,
	1231, // numeric[]
	1115, // timestamp[]
	1185, // timestamptz[]
	1187, // interval[]
	1182 // date[]
];

/** PGlite's own bytea codec goes through a string per byte; Buffer's hex codec does not. */
const byteaParser = (hex: string) => Buffer.from(hex.slice(2), 'hex');
const byteaSerializer = (bytes: Uint8Array) =>
	`\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;

export const pgliteOptions = {
	parsers: {
		...Object.fromEntries(drizzleTextTypes.map((oid) => [oid, keepAsText])),
		[types.BYTEA]: byteaParser
	},
	serializers: { [types.BYTEA]: byteaSerializer }
};

type Queryable = Pick<PGlite, 'query'> | Transaction;

const parsersGivenAtConstruction = new Set(Object.keys(pgliteOptions.parsers).map(Number));

/**
 * Drops per-query parsers that the construction already gives (drizzle's text types). Any other
 * parser is kept, and the query then pays for PGlite's copy: slower, never wrong.
 */
function withoutQueryParsers(options?: QueryOptions): QueryOptions | undefined {
	if (!options?.parsers) return options;
	const known = Object.keys(options.parsers).every((oid) =>
		parsersGivenAtConstruction.has(Number(oid))
	);
	return known ? { ...options, parsers: undefined } : options;
}

/**
 * The client to hand to drizzle: a PGlite opened with `pgliteOptions`, whose queries (and those
 * of its transactions) use the parsers given at construction.
 */
export function forDrizzle<T extends Queryable>(client: T): T {
	return new Proxy(client, {
		get(target, property) {
			if (property === 'query') {
				return (query: string, params?: unknown[], options?: QueryOptions) =>
					target.query(query, params, withoutQueryParsers(options));
			}
			if (property === 'transaction' && 'transaction' in target) {
				return <R>(run: (tx: Transaction) => Promise<R>) =>
					(target as PGlite).transaction((tx) => run(forDrizzle(tx)));
			}
			const value = Reflect.get(target, property, target);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
