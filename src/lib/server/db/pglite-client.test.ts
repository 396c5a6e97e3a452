import { PGlite, types } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forDrizzle, pgliteOptions } from './pglite-client';

describe('the PGlite client handed to drizzle', () => {
	let pglite: PGlite;
	beforeAll(async () => {
		pglite = new PGlite(pgliteOptions);
		await pglite.waitReady;
	});
	afterAll(() => pglite.close());

	it('keeps timestamps as text, as drizzle asks, without its per-query parsers', async () => {
		const client = forDrizzle(pglite);
		const { rows } = await client.query<[string]>(
			`select '2026-11-29 08:00:00+00'::timestamptz`,
			[],
			{ rowMode: 'array', parsers: { [types.TIMESTAMPTZ]: () => 'per-query parser ran' } }
		);
		expect(rows[0][0]).toBe('2026-11-29 08:00:00+00');
	});

	it('still applies a per-query parser for a type the construction does not cover', async () => {
		const { rows } = await forDrizzle(pglite).query<[string]>('select 41::int4', [], {
			rowMode: 'array',
			parsers: { [types.INT4]: (value: string) => `int ${Number(value) + 1}` }
		});
		expect(rows[0][0]).toBe('int 42');
	});

	it('round-trips bytes exactly, in queries and in transactions', async () => {
		const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256);
		const read = await forDrizzle(pglite).transaction(async (tx) => {
			const { rows } = await tx.query<{ b: Uint8Array }>('select $1::bytea as b', [bytes]);
			return rows[0].b;
		});
		expect(Buffer.from(read).equals(Buffer.from(bytes))).toBe(true);
		const { rows } = await forDrizzle(pglite).query<{ b: Uint8Array }>(`select '\\x'::bytea as b`);
		expect(rows[0].b).toHaveLength(0);
	});
});
