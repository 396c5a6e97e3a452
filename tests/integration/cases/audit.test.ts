import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	addMember,
	changeMemberRole,
	closeCase,
	createCase,
	deleteCase,
	getCase,
	listCaseAudit,
	listMemberCandidates,
	listMembers,
	removeMember,
	reopenCase,
	updateCase
} from '$lib/server/cases';
import { auditEvents, caseMembers, cases } from '$lib/server/db/schema';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const family = { code: 'Gezin K-17', title: 'Schulden', municipality: 'Lelystad', composition: '' };

describe.each(drivers)('case audit trail on %s', (driver) => {
	const t = useTestDatabase(driver);

	it('records who, in which role, on which case, what, with what outcome, from where', async () => {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen' });
		const bram = await insertActor(t.ctx(), { name: 'Bram Bakker' });
		const asAnna = t.ctx(anna, '198.51.100.4');
		const asBram = t.ctx(bram, '198.51.100.9');

		const { id } = await createCase(asAnna, family);
		await getCase(asAnna, id);
		await updateCase(asAnna, id, { ...family, title: 'Nieuw' });
		await addMember(asAnna, id, { userId: bram.id, role: 'observer' });
		await listMembers(asBram, id);
		await listMemberCandidates(asAnna, id);
		await changeMemberRole(asAnna, id, bram.id, 'participant');
		await closeCase(asAnna, id);
		await reopenCase(asAnna, id);
		await removeMember(asAnna, id, bram.id);
		await listCaseAudit(asAnna, id);

		const trail = (await listAuditEvents(t.ctx(), { caseId: id })).reverse();
		expect(trail.map((e) => [e.action, e.actorName, e.actorRole, e.outcome, e.address])).toEqual([
			['case.create', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.read', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.update', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.member.add', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.member.list', 'Bram Bakker', 'observer', 'success', '198.51.100.9'],
			['case.member.candidates', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.member.update', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.close', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.reopen', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.member.remove', 'Anna Jansen', 'owner', 'success', '198.51.100.4'],
			['case.audit.read', 'Anna Jansen', 'owner', 'success', '198.51.100.4']
		]);
		for (const event of trail) {
			expect(event.caseId).toBe(id);
			expect(event.actorId).toBe(event.actorName === 'Anna Jansen' ? anna.id : bram.id);
			expect(event.at).toBeInstanceOf(Date);
		}
	});

	it('shows the case audit trail to owners only', async () => {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen' });
		const fien = await insertActor(t.ctx(), { name: 'Fien Facilitator' });
		const admin = await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' });
		const { id } = await createCase(t.ctx(anna), family);
		await addMember(t.ctx(anna), id, { userId: fien.id, role: 'facilitator' });

		const trail = await listCaseAudit(t.ctx(anna), id);
		expect(trail.case).toEqual({ id, code: 'Gezin K-17', title: 'Schulden' });
		expect(trail.rows.map((row) => (row.kind === 'event' ? row.action : row.kind))).toEqual([
			'case.member.add',
			'case.create'
		]);
		expect(trail.nextBefore).toBeNull();

		await expect(listCaseAudit(t.ctx(fien), id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listCaseAudit(t.ctx(admin), id)).rejects.toMatchObject({ code: 'not_found' });
		const refusals = (await listAuditEvents(t.ctx(), { caseId: id })).filter(
			(e) => e.action === 'case.audit.read' && e.outcome === 'denied'
		);
		expect(refusals.map((e) => e.actorRole).sort()).toEqual(['admin', 'facilitator']);
	});

	it('deletes the case and its members after the code is typed, and keeps the trail', async () => {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen' });
		const bram = await insertActor(t.ctx(), { name: 'Bram Bakker' });
		const { id } = await createCase(t.ctx(anna), family);
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'owner' });
		const other = await createCase(t.ctx(anna), { ...family, code: 'Gezin M-3' });

		await expect(deleteCase(t.ctx(anna), id, { confirmCode: 'Gezin K-1' })).rejects.toMatchObject({
			code: 'invalid',
			field: 'confirmCode',
			message: 'case_error_confirm_code'
		});
		await expect(deleteCase(t.ctx(anna), id, { confirmCode: 'gezin k-17' })).rejects.toMatchObject({
			code: 'invalid'
		});
		expect(await t.database.db.select().from(cases).where(eq(cases.id, id))).toHaveLength(1);

		await deleteCase(t.ctx(anna), id, { confirmCode: ' Gezin K-17 ' });
		expect(await t.database.db.select().from(cases).where(eq(cases.id, id))).toEqual([]);
		expect(
			await t.database.db.select().from(caseMembers).where(eq(caseMembers.caseId, id))
		).toEqual([]);
		expect(await t.database.db.select().from(cases)).toMatchObject([{ id: other.id }]);
		await expect(getCase(t.ctx(bram), id)).rejects.toMatchObject({ code: 'not_found' });

		const trail = await listAuditEvents(t.ctx(), { caseId: id });
		expect(trail.find((e) => e.action === 'case.create')).toBeDefined();
		expect(trail.find((e) => e.action === 'case.delete' && e.outcome === 'success')).toMatchObject({
			actorId: anna.id,
			actorRole: 'owner',
			detail: { code: 'Gezin K-17' }
		});
		expect(trail.filter((e) => e.action === 'case.delete' && e.outcome === 'invalid')).toHaveLength(
			2
		);
		expect(trail.at(-1)?.action).toBe('case.create');
	});

	it('refuses deletion to anyone but an owner', async () => {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen' });
		const fien = await insertActor(t.ctx(), { name: 'Fien Facilitator' });
		const { id } = await createCase(t.ctx(anna), family);
		await addMember(t.ctx(anna), id, { userId: fien.id, role: 'facilitator' });
		await expect(deleteCase(t.ctx(fien), id, { confirmCode: 'Gezin K-17' })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(await t.database.db.select().from(cases)).toHaveLength(1);
	});

	it('cannot be changed or emptied, not even by the application', async () => {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen' });
		const { id } = await createCase(t.ctx(anna), family);
		const { db } = t.database;

		await expect(
			db.update(auditEvents).set({ actorName: 'Iemand anders' }).where(eq(auditEvents.caseId, id))
		).rejects.toThrow();
		await expect(db.delete(auditEvents).where(eq(auditEvents.caseId, id))).rejects.toThrow();
		await expect(db.execute(sql`truncate audit_events`)).rejects.toThrow();

		const [event] = await listAuditEvents(t.ctx(), { caseId: id });
		expect(event).toMatchObject({ action: 'case.create', actorName: 'Anna Jansen' });
	});
});
