import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { pseudonymisedText } from '../../schemas/text';
import { auditCase, isUuid, openCase } from '../cases';
import { getVersion, readCaseContent } from '../collab';
import type { Ctx } from '../context';
import { journeyAddenda, journeyRecords } from '../db/schema';
import { CapabilityError, notFound } from '../errors';
import {
	composeRecord,
	journeyRecordVersion,
	type JourneyRecordV1,
	type SessionFacts
} from './record';

/**
 * Writes the one journey record of an ended session, inside the ending transaction. The plan
 * at start and at end come from the two versions the session saved. The unique session id
 * makes a second record impossible even if two ends got past the session's lock.
 */
export async function writeJourneyRecord(
	tx: Ctx,
	facts: SessionFacts,
	versions: { startVersionId: string; endVersionId: string }
): Promise<{ id: string }> {
	const caseId = facts.session.caseId;
	const [start, end] = await Promise.all([
		getVersion(tx, caseId, versions.startVersionId),
		getVersion(tx, caseId, versions.endVersionId)
	]);
	const record = composeRecord(facts, readCaseContent(start.state), readCaseContent(end.state));
	const [row] = await tx.db
		.insert(journeyRecords)
		.values({
			sessionId: facts.session.sessionId,
			caseId,
			schemaVersion: journeyRecordVersion,
			record,
			createdAt: tx.clock()
		})
		.returning({ id: journeyRecords.id });
	return row;
}

export type Addendum = { id: string; text: string; authorName: string; createdAt: Date };

export type JourneyRecordView = {
	id: string;
	sessionId: string;
	createdAt: Date;
	record: JourneyRecordV1;
	addenda: Addendum[];
};

async function addendaOf(ctx: Ctx, recordId: string): Promise<Addendum[]> {
	return ctx.db
		.select({
			id: journeyAddenda.id,
			text: journeyAddenda.text,
			authorName: journeyAddenda.authorName,
			createdAt: journeyAddenda.createdAt
		})
		.from(journeyAddenda)
		.where(eq(journeyAddenda.recordId, recordId))
		.orderBy(asc(journeyAddenda.createdAt), asc(journeyAddenda.id));
}

/** The records of a case, in the order their sessions started, with their addenda. */
export async function selectRecords(ctx: Ctx, caseId: string): Promise<JourneyRecordView[]> {
	const rows = await ctx.db.select().from(journeyRecords).where(eq(journeyRecords.caseId, caseId));
	const views = await Promise.all(
		rows.map(async (row) => ({
			id: row.id,
			sessionId: row.sessionId,
			createdAt: row.createdAt,
			record: row.record as JourneyRecordV1,
			addenda: await addendaOf(ctx, row.id)
		}))
	);
	return views.sort((a, b) => a.record.session.startedAt.localeCompare(b.record.session.startedAt));
}

async function openRecord(
	ctx: Ctx,
	recordId: string,
	action: 'readHistory' | 'planSession',
	audit: string
) {
	const [row] = isUuid(recordId)
		? await ctx.db
				.select()
				.from(journeyRecords)
				.where(eq(journeyRecords.id, recordId.toLowerCase()))
		: [];
	if (!row) throw notFound();
	const opened = await openCase(ctx, row.caseId, action, audit);
	return { opened, row };
}

export async function getJourneyRecord(ctx: Ctx, recordId: string): Promise<JourneyRecordView> {
	const { opened, row } = await openRecord(ctx, recordId, 'readHistory', 'journey.record.read');
	await auditCase(ctx, opened, 'journey.record.read', { recordId: row.id });
	return {
		id: row.id,
		sessionId: row.sessionId,
		createdAt: row.createdAt,
		record: row.record as JourneyRecordV1,
		addenda: await addendaOf(ctx, row.id)
	};
}

export const addendumSchema = z.object({ text: pseudonymisedText(2000) }).strict();

/**
 * A dated correction of a record (the record itself never changes), by those who may plan
 * sessions on the case: its owners and facilitators.
 */
export async function addJourneyAddendum(ctx: Ctx, recordId: string, input: unknown) {
	const { opened, row } = await openRecord(ctx, recordId, 'planSession', 'journey.addendum.add');
	const parsed = addendumSchema.safeParse(input);
	if (!parsed.success) throw new CapabilityError('invalid', parsed.error.issues[0].message, 'text');
	const [addendum] = await ctx.db
		.insert(journeyAddenda)
		.values({
			recordId: row.id,
			caseId: row.caseId,
			text: parsed.data.text,
			authorId: ctx.actor!.id,
			authorName: ctx.actor!.name,
			createdAt: ctx.clock()
		})
		.returning({ id: journeyAddenda.id });
	await auditCase(ctx, opened, 'journey.addendum.add', {
		recordId: row.id,
		addendumId: addendum.id
	});
	return addendum;
}
