import { describe, expect, it } from 'vitest';
import { cases, caseMembers, documentUpdates } from '$lib/server/db/schema';
import { createLogger } from '$lib/server/log';
import { drivers, useTestDatabase } from '../../helpers/database';

const secret = 'GEHEIM-moeder-van-Kees';

/** A logger at `info` whose JSON lines the test reads. */
function capturedLogger() {
	const lines: string[] = [];
	const log = createLogger('info', { write: (line: string) => void lines.push(line) });
	return { log, output: () => lines.join('') };
}

async function failure(write: Promise<unknown>): Promise<unknown> {
	try {
		await write;
	} catch (error) {
		return error;
	}
	throw new Error('the write was expected to fail');
}

describe.each(drivers)('database errors in the log, on %s', (driver) => {
	const t = useTestDatabase(driver);

	it('hold the query and the error code, not the values written', async () => {
		const db = t.database.db;
		const values = { code: `Gezin ${secret}`, title: secret, municipality: 'Demostad' };
		await db.insert(cases).values(values);
		const error = await failure(
			db.insert(cases).values({ ...values, composition: `${secret} en kinderen` })
		);
		const { log, output } = capturedLogger();
		log.error({ err: error, path: '/cases/new' }, 'unhandled error');

		const logged = output();
		expect(logged).toContain('insert into \\"cases\\"');
		expect(logged).toContain('23505'); // unique_violation, on the error or its cause
		expect(logged).not.toContain(secret);
		expect(logged).not.toContain('GEHEIM');
	});

	it('hold no values of a data exception, and no document update bytes', async () => {
		const db = t.database.db;
		const error = await failure(
			db.insert(caseMembers).values({ caseId: secret, userId: secret, role: 'owner' })
		);
		const update = new TextEncoder().encode(`${secret} in een update`);
		const storing = await failure(
			db.insert(documentUpdates).values({
				documentName: 'cases/none',
				caseId: '00000000-0000-4000-8000-000000000000',
				update
			})
		);
		const { log, output } = capturedLogger();
		log.error({ err: error }, 'unhandled error');
		log.error(storing as Error, 'could not store update');

		const logged = output();
		expect(logged).toContain('insert into \\"case_members\\"');
		expect(logged).toContain('22P02'); // invalid_text_representation
		expect(logged).toContain('insert into \\"document_updates\\"');
		expect(logged).toContain('23503'); // foreign_key_violation
		expect(logged).not.toContain(secret);
		expect(logged).not.toContain('GEHEIM');
		// Neither as the bytes of a Buffer, nor as their numbers.
		expect(logged).not.toContain(Buffer.from(update).toString('base64'));
		expect(logged).not.toContain([...update.slice(0, 8)].join(','));
	});
});
