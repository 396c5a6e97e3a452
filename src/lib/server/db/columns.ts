import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Raw bytes. drizzle-orm 0.45 has no bytea column; PGlite yields Uint8Array, postgres.js a Buffer. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType() {
		return 'bytea';
	},
	toDriver(value) {
		return value;
	},
	fromDriver(value) {
		return value instanceof Uint8Array
			? new Uint8Array(value)
			: Uint8Array.from(value as ArrayLike<number>);
	}
});

export const id = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () =>
	timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const timestampColumn = (name: string) =>
	timestamp(name, { withTimezone: true, mode: 'date' });
