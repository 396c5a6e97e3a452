import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const pingTimeoutMs = 2_000;

export const GET: RequestHandler = async ({ locals }) => {
	const { database } = locals.ctx.services;
	try {
		await Promise.race([
			database.ping(),
			new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), pingTimeoutMs))
		]);
		return json({ status: 'ok', database: database.kind });
	} catch (error) {
		locals.ctx.log.warn({ err: error }, 'health check failed');
		return json({ status: 'unavailable', database: database.kind }, { status: 503 });
	}
};
