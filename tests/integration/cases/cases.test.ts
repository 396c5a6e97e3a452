import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	addMember,
	closeCase,
	createCase,
	getCase,
	listMyCases,
	reopenCase,
	updateCase
} from '$lib/server/cases';
import type { UserActor } from '$lib/server/context';
import { caseSchema } from '$lib/schemas/cases';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const family = {
	code: 'Gezin K-17',
	title: 'Schulden en woonruimte',
	municipality: 'Lelystad',
	composition: 'Moeder, twee kinderen (8 en 12)'
};

describe.each(drivers)('cases on %s', (driver) => {
	const t = useTestDatabase(driver);

	const newActor = (name: string, role: UserActor['role'] = 'member') =>
		insertActor(t.ctx(), { name, role, organisation: 'Gemeente Lelystad' });

	it('makes the creator the owner and shows the case to them', async () => {
		const anna = await newActor('Anna Jansen');
		const { id } = await createCase(t.ctx(anna), family);

		const view = await getCase(t.ctx(anna), id);
		expect(view).toMatchObject({ ...family, status: 'open', role: 'owner', createdBy: anna.id });
		expect(view.members).toMatchObject([{ userId: anna.id, role: 'owner' }]);
		expect(view.rights.delete).toBe(true);
	});

	it('refuses a second case with the same code, whatever its capitals', async () => {
		const anna = await newActor('Anna Jansen');
		await createCase(t.ctx(anna), family);
		await expect(createCase(t.ctx(anna), { ...family, code: 'gezin k-17' })).rejects.toMatchObject({
			code: 'conflict',
			field: 'code',
			message: 'case_error_code_taken'
		});
	});

	it.each([
		['code', '123456782'],
		['title', 'Gezin met BSN 123.456.782 in de aanvraag'],
		['municipality', '123 456 782'],
		['composition', 'Vader (bsn 123-456-782), moeder'],
		['composition', 'Moeder, bsn 12 34 56 72 (zonder voorloopnul)']
	] as const)('refuses a BSN in %s, in the form and in the capability', async (field, text) => {
		const anna = await newActor('Anna Jansen');
		const input = { ...family, [field]: text };

		const parsed = caseSchema.safeParse(input);
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues[0]).toMatchObject({ path: [field], message: 'error_bsn' });

		await expect(createCase(t.ctx(anna), input)).rejects.toMatchObject({
			code: 'invalid',
			field,
			message: 'error_bsn'
		});
		expect(await listMyCases(t.ctx(anna))).toHaveLength(0);

		const { id } = await createCase(t.ctx(anna), family);
		await expect(updateCase(t.ctx(anna), id, input)).rejects.toMatchObject({
			code: 'invalid',
			field,
			message: 'error_bsn'
		});
		expect((await getCase(t.ctx(anna), id))[field]).toBe(family[field]);
	});

	it('accepts nine digits that fail the elfproef, such as a phone-like number', async () => {
		const anna = await newActor('Anna Jansen');
		const { id } = await createCase(t.ctx(anna), { ...family, title: 'Dossier 123456789' });
		expect((await getCase(t.ctx(anna), id)).title).toBe('Dossier 123456789');
	});

	it('refuses text that is too long or missing', async () => {
		const anna = await newActor('Anna Jansen');
		await expect(
			createCase(t.ctx(anna), { ...family, title: 'x'.repeat(121) })
		).rejects.toMatchObject({ code: 'invalid', field: 'title', message: 'error_too_long' });
		await expect(createCase(t.ctx(anna), { ...family, code: '  ' })).rejects.toMatchObject({
			code: 'invalid',
			field: 'code',
			message: 'error_required'
		});
	});

	it('gives a non-member, an administrator and an unknown case the same not-found, audited', async () => {
		const anna = await newActor('Anna Jansen');
		const piet = await newActor('Piet de Vries');
		const admin = await newActor('Ada Admin', 'admin');
		const { id } = await createCase(t.ctx(anna), family);
		const unknownId = '5d1c7f3e-8a7b-4c2d-9e0f-1a2b3c4d5e6f';

		const errors = await Promise.all([
			getCase(t.ctx(piet), id).catch((e) => e),
			getCase(t.ctx(admin), id).catch((e) => e),
			getCase(t.ctx(piet), unknownId).catch((e) => e),
			getCase(t.ctx(piet), 'not-a-uuid').catch((e) => e),
			getCase(t.ctx(piet), "'; drop table cases; --").catch((e) => e)
		]);
		for (const error of errors) {
			expect(error).toMatchObject({ code: 'not_found', message: 'error_not_found' });
		}

		const events = await listAuditEvents(t.ctx(), {});
		const reads = events.filter((e) => e.action === 'case.read');
		expect(reads.filter((e) => e.caseId === id && e.outcome === 'denied')).toHaveLength(2);
		expect(reads.filter((e) => e.actorId === admin.id)).toMatchObject([
			{ outcome: 'denied', caseId: id, actorRole: 'admin' }
		]);
		expect(reads.filter((e) => e.caseId === unknownId)).toMatchObject([
			{ outcome: 'not_found', actorId: piet.id, address: '203.0.113.7' }
		]);
		expect(
			reads.filter((e) => e.outcome === 'not_found' && e.caseId === null && e.actorId === piet.id)
		).toHaveLength(2);
		expect(await listMyCases(t.ctx(piet))).toEqual([]);
	});

	it('lets an observer read but not edit, close or delete', async () => {
		const anna = await newActor('Anna Jansen');
		const olga = await newActor('Olga Observer');
		const { id } = await createCase(t.ctx(anna), family);
		await addMember(t.ctx(anna), id, { userId: olga.id, role: 'observer' });

		expect((await getCase(t.ctx(olga), id)).role).toBe('observer');
		await expect(
			updateCase(t.ctx(olga), id, { ...family, title: 'Overschreven' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(closeCase(t.ctx(olga), id)).rejects.toMatchObject({ code: 'forbidden' });
		expect((await getCase(t.ctx(anna), id)).title).toBe(family.title);

		const [denied] = (await listAuditEvents(t.ctx(), { caseId: id })).filter(
			(e) => e.action === 'case.update'
		);
		expect(denied).toMatchObject({ outcome: 'denied', actorId: olga.id, actorRole: 'observer' });
	});

	it('lets a participant edit the details but not close the case', async () => {
		const anna = await newActor('Anna Jansen');
		const pim = await newActor('Pim Participant');
		const { id } = await createCase(t.ctx(anna), family);
		await addMember(t.ctx(anna), id, { email: 'pim.participant@example.org', role: 'participant' });

		await updateCase(t.ctx(pim), id, { ...family, title: 'Nieuwe titel', code: 'Gezin K-18' });
		expect(await getCase(t.ctx(anna), id)).toMatchObject({
			title: 'Nieuwe titel',
			code: 'Gezin K-18'
		});
		await expect(closeCase(t.ctx(pim), id)).rejects.toMatchObject({ code: 'forbidden' });

		const [update] = (await listAuditEvents(t.ctx(), { caseId: id })).filter(
			(e) => e.action === 'case.update' && e.outcome === 'success'
		);
		expect(update).toMatchObject({ actorId: pim.id, actorRole: 'participant' });
		expect(update.detail).toEqual({ changed: ['code', 'title'] });
	});

	it('closes and reopens a case for its owner', async () => {
		const anna = await newActor('Anna Jansen');
		const { id } = await createCase(t.ctx(anna), family);
		await closeCase(t.ctx(anna), id);
		const closed = await getCase(t.ctx(anna), id);
		expect(closed.status).toBe('closed');
		expect(closed.closedAt).toBeInstanceOf(Date);
		await reopenCase(t.ctx(anna), id);
		expect(await getCase(t.ctx(anna), id)).toMatchObject({ status: 'open', closedAt: null });
	});

	it('searches and filters my cases', async () => {
		const anna = await newActor('Anna Jansen');
		const piet = await newActor('Piet de Vries');
		const k17 = await createCase(t.ctx(anna), family);
		const m3 = await createCase(t.ctx(piet), {
			...family,
			code: 'Gezin M-3',
			title: '100% maatwerk_budget',
			municipality: 'Almere'
		});
		await addMember(t.ctx(piet), m3.id, { userId: anna.id, role: 'observer' });
		await createCase(t.ctx(piet), { ...family, code: 'Gezin Z-9', title: 'Niet van Anna' });
		await closeCase(t.ctx(anna), k17.id);

		const codes = async (filter: Parameters<typeof listMyCases>[1]) =>
			(await listMyCases(t.ctx(anna), filter)).map((c) => c.code);

		// Most recently changed first: closing K-17 was the last change.
		expect(await codes({})).toEqual(['Gezin K-17', 'Gezin M-3']);
		expect(await codes({ q: 'ALMERE' })).toEqual(['Gezin M-3']);
		expect(await codes({ q: 'k-17' })).toEqual(['Gezin K-17']);
		expect(await codes({ q: 'schulden' })).toEqual(['Gezin K-17']);
		expect(await codes({ q: '100%' })).toEqual(['Gezin M-3']);
		expect(await codes({ q: '%' })).toEqual(['Gezin M-3']);
		expect(await codes({ q: 'o_b' })).toEqual([]);
		expect(await codes({ q: 'Z-9' })).toEqual([]);
		expect(await codes({ status: 'closed' })).toEqual(['Gezin K-17']);
		expect(await codes({ role: 'observer' })).toEqual(['Gezin M-3']);
		expect(await codes({ role: 'owner', status: 'open' })).toEqual([]);

		const [m3Row] = await listMyCases(t.ctx(anna), { q: 'M-3' });
		expect(m3Row).toMatchObject({ role: 'observer', memberCount: 2, status: 'open' });
		expect(m3Row.updatedAt).toBeInstanceOf(Date);

		const lists = (await listAuditEvents(t.ctx(), {})).filter((e) => e.action === 'case.list');
		expect(lists.length).toBe(12);
		expect(lists.every((e) => e.caseId === null && e.actorId === anna.id)).toBe(true);
		expect(JSON.stringify(lists.map((e) => e.detail))).not.toContain('ALMERE');
	});
});
