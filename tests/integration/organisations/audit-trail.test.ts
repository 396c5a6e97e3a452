import { describe, expect, it } from 'vitest';
import { listAuditEvents, readAuditTrail, recordAudit } from '$lib/server/audit';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('the deployment-wide audit trail on %s', (driver) => {
	const t = useTestDatabase(driver);
	const caseA = '11111111-1111-4111-8111-111111111111';
	const caseB = '22222222-2222-4222-8222-222222222222';

	async function setUp() {
		const admin = await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' });
		const member = await insertActor(t.ctx(), { name: 'Mo Member', organisation: 'UWV' });
		const ctx = t.ctx(member);
		await recordAudit(ctx, { action: 'case.read', outcome: 'success', caseId: caseA });
		await recordAudit(ctx, { action: 'case.update', outcome: 'success', caseId: caseA });
		await recordAudit(ctx, { action: 'case.read', outcome: 'denied', caseId: caseB });
		await recordAudit(ctx, { action: 'casework.other', outcome: 'success' });
		await recordAudit(ctx, { action: 'case_x', outcome: 'success' });
		return { admin, member };
	}

	it('filters by case and by action, a prefix matching whole dotted parts only', async () => {
		const { admin } = await setUp();
		const byCase = await readAuditTrail(t.ctx(admin), { caseId: caseA });
		expect(byCase.map((e) => e.action)).toEqual(['case.update', 'case.read']);

		const byPrefix = await readAuditTrail(t.ctx(admin), { action: 'case' });
		expect(byPrefix.map((e) => e.action)).toEqual(['case.read', 'case.update', 'case.read']);

		// '_' is no wildcard: 'case_x' matches itself only.
		const exact = await readAuditTrail(t.ctx(admin), { action: 'case_x' });
		expect(exact.map((e) => e.action)).toEqual(['case_x']);
		expect(await readAuditTrail(t.ctx(admin), { action: 'case%' })).toEqual([]);
	});

	it('pages newest first with before and limit', async () => {
		const { admin } = await setUp();
		const first = await readAuditTrail(t.ctx(admin), { limit: 2 });
		expect(first.map((e) => e.action)).toEqual(['case_x', 'casework.other']);
		const next = await readAuditTrail(t.ctx(admin), { limit: 2, before: first[1].id });
		// The reading recorded after the first page is newer than both pages.
		expect(next.map((e) => e.action)).toEqual(['case.read', 'case.update']);
	});

	it('records every reading, with the case filtered on', async () => {
		const { admin } = await setUp();
		await readAuditTrail(t.ctx(admin), { caseId: caseB, action: 'case.read' });
		const [read] = await listAuditEvents(t.ctx(), { action: 'audit.read' });
		expect(read).toMatchObject({
			actorId: admin.id,
			caseId: caseB,
			outcome: 'success',
			detail: { action: 'case.read', before: null }
		});
	});

	it('is for administrators only', async () => {
		const { member } = await setUp();
		await expect(readAuditTrail(t.ctx(member), {})).rejects.toMatchObject({ code: 'forbidden' });
		await expect(readAuditTrail(t.ctx(null), {})).rejects.toMatchObject({ code: 'forbidden' });
		expect(await listAuditEvents(t.ctx(), { action: 'audit.read' })).toEqual([]);
	});
});
