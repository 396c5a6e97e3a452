import { and, desc, eq } from 'drizzle-orm';
import { encodeStateAsUpdate } from 'yjs';
import { caseDocumentName } from '../../protocol/collab';
import { isUuid } from '../cases';
import type { Ctx } from '../context';
import { documentVersions, users, type VersionReason } from '../db/schema';
import { notFound } from '../errors';
import { computeRestoreUpdate } from './case-document';
import type { LiveDocuments } from './live-documents';
import { loadState } from './update-log';

export type VersionSummary = {
	id: string;
	label: string;
	reason: VersionReason;
	createdAt: Date;
	createdByName: string | null;
};

/**
 * Saves the case document's stored state as a named version. Called from the UI ("versie
 * opslaan") and by Change Lab sessions at their start and end. The caller checks rights.
 */
export async function saveVersion(
	ctx: Ctx,
	caseId: string,
	input: { label: string; reason: VersionReason }
): Promise<{ id: string }> {
	const documentName = caseDocumentName(caseId);
	const { state } = await loadState(ctx.db, documentName);
	const [row] = await ctx.db
		.insert(documentVersions)
		.values({
			documentName,
			caseId,
			label: input.label,
			reason: input.reason,
			state,
			createdBy: ctx.actor?.id ?? null,
			createdAt: ctx.clock()
		})
		.returning({ id: documentVersions.id });
	return row;
}

export async function listVersions(ctx: Ctx, caseId: string): Promise<VersionSummary[]> {
	return ctx.db
		.select({
			id: documentVersions.id,
			label: documentVersions.label,
			reason: documentVersions.reason,
			createdAt: documentVersions.createdAt,
			createdByName: users.name
		})
		.from(documentVersions)
		.leftJoin(users, eq(users.id, documentVersions.createdBy))
		.where(eq(documentVersions.caseId, caseId))
		.orderBy(desc(documentVersions.createdAt));
}

export async function getVersion(ctx: Ctx, caseId: string, versionId: string) {
	if (!isUuid(versionId)) throw notFound();
	const [row] = await ctx.db
		.select({
			id: documentVersions.id,
			label: documentVersions.label,
			reason: documentVersions.reason,
			createdAt: documentVersions.createdAt,
			createdByName: users.name,
			state: documentVersions.state
		})
		.from(documentVersions)
		.leftJoin(users, eq(users.id, documentVersions.createdBy))
		.where(and(eq(documentVersions.caseId, caseId), eq(documentVersions.id, versionId)));
	if (!row) throw notFound();
	return row;
}

/** The document's current stored state, as one update. */
export async function getCurrentState(ctx: Ctx, caseId: string): Promise<Uint8Array> {
	return (await loadState(ctx.db, caseDocumentName(caseId))).state;
}

/**
 * Restores a version as a new change that every connected client receives live. The state
 * just before is kept as a version of its own, so a restore can itself be undone.
 */
export async function restoreVersion(
	ctx: Ctx,
	documents: LiveDocuments,
	caseId: string,
	versionId: string
): Promise<void> {
	const version = await getVersion(ctx, caseId, versionId);
	await saveVersion(ctx, caseId, { label: version.label, reason: 'before_restore' });
	const live = await documents.open(caseDocumentName(caseId), caseId);
	try {
		const update = computeRestoreUpdate(encodeStateAsUpdate(live.doc), version.state);
		await documents.submit(live, update, 'restore');
	} finally {
		documents.release(live);
	}
}
