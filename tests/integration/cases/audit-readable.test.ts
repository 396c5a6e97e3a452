import { describe, expect, it } from 'vitest';
import { recordAudit, type AuditRow, type AuditVisit } from '$lib/server/audit';
import { addMember, createCase, listCaseAudit } from '$lib/server/cases';
import type { Actor, Ctx } from '$lib/server/context';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const family = { code: 'Gezin K-17', title: 'Schulden', municipality: 'Lelystad', composition: '' };
const at = (iso: string) => new Date(iso);

describe.each(drivers)('a case audit trail people can read on %s', (driver) => {
	const t = useTestDatabase(driver);

	/** `actor`'s ctx with the clock stopped at `iso`. */
	const ctxAt = (actor: Actor, iso: string): Ctx => ({ ...t.ctx(actor), clock: () => at(iso) });

	async function setUp() {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen', organisation: 'Gemeente' });
		const bram = await insertActor(t.ctx(), { name: 'Bram Bakker', organisation: 'Jeugdhulp' });
		const { id } = await createCase(ctxAt(anna, '2026-03-02T08:00:00Z'), family);
		await addMember(ctxAt(anna, '2026-03-02T08:05:00Z'), id, {
			userId: bram.id,
			role: 'participant'
		});
		// Bram works on the plan on Tuesday 3 March (Dutch time), then reads it on Wednesday.
		const live = (iso: string, action: string, detail: Record<string, unknown>) =>
			recordAudit(ctxAt(bram, iso), {
				action,
				outcome: 'success',
				caseId: id,
				actorRole: 'participant',
				detail
			});
		await live('2026-03-03T09:12:00Z', 'case.collab.connect', { writable: true });
		await live('2026-03-03T09:47:00Z', 'case.collab.disconnect', {
			updatesAccepted: 12,
			updatesRefused: 0,
			touched: ['lifeDomains', 'planItems']
		});
		await live('2026-03-04T07:00:00Z', 'case.collab.connect', { writable: true });
		await live('2026-03-04T07:10:00Z', 'case.collab.disconnect', {
			updatesAccepted: 0,
			updatesRefused: 0,
			touched: []
		});
		await live('2026-03-04T08:00:00Z', 'case.collab.connect', { writable: true });
		return { anna, bram, id };
	}

	const visits = (rows: AuditRow[]) =>
		rows.filter((row): row is AuditVisit => row.kind === 'visit');

	it('folds each live visit into one row with its changes and the parts it changed', async () => {
		const { anna, id } = await setUp();
		const { rows } = await listCaseAudit(t.ctx(anna), id);

		expect(rows.some((row) => row.kind === 'event' && row.action.startsWith('case.collab'))).toBe(
			false
		);
		expect(visits(rows)).toMatchObject([
			{ actorName: 'Bram Bakker', from: at('2026-03-04T08:00:00Z'), to: null },
			{ from: at('2026-03-04T07:00:00Z'), to: at('2026-03-04T07:10:00Z'), updatesAccepted: 0 },
			{
				from: at('2026-03-03T09:12:00Z'),
				to: at('2026-03-03T09:47:00Z'),
				writable: true,
				updatesAccepted: 12,
				touched: ['lifeDomains', 'planItems']
			}
		]);
	});

	it('filters by person, by action and by period in Dutch days', async () => {
		const { anna, bram, id } = await setUp();
		const byBram = await listCaseAudit(t.ctx(anna), id, { person: bram.id });
		expect(byBram.rows.every((row) => row.actorId === bram.id)).toBe(true);
		expect(visits(byBram.rows)).toHaveLength(3);
		expect(byBram.people.map((p) => p.name)).toEqual(['Anna Jansen', 'Bram Bakker']);

		const members = await listCaseAudit(t.ctx(anna), id, { action: 'case.member' });
		expect(members.rows).toMatchObject([{ kind: 'event', action: 'case.member.add' }]);
		expect(members.actions).toEqual(
			expect.arrayContaining(['case.collab.connect', 'case.create', 'case.member.add'])
		);

		// "Who changed the plan on Tuesday": Tuesday 3 March in Dutch time.
		const tuesday = await listCaseAudit(t.ctx(anna), id, { from: '2026-03-03', to: '2026-03-03' });
		expect(tuesday.rows).toHaveLength(1);
		expect(visits(tuesday.rows)).toMatchObject([
			{ actorName: 'Bram Bakker', touched: ['lifeDomains', 'planItems'] }
		]);
		// 23:30 UTC on 1 March is already 2 March in Amsterdam.
		await recordAudit(ctxAt(anna, '2026-03-01T23:30:00Z'), {
			action: 'case.read',
			outcome: 'success',
			caseId: id
		});
		const monday = await listCaseAudit(t.ctx(anna), id, { from: '2026-03-02', to: '2026-03-02' });
		expect(monday.rows.map((row) => row.kind === 'event' && row.action).sort()).toEqual([
			'case.create',
			'case.member.add',
			'case.read'
		]);
	});
});
