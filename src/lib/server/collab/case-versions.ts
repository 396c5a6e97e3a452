import { auditCase, openCase } from '../cases';
import type { Ctx } from '../context';
import { CapabilityError } from '../errors';
import { containsBsn } from '../../schemas/bsn';
import { errorKeys } from '../../schemas/text';
import { readCaseContent } from './case-document';
import { getCurrentState, getVersion, listVersions, restoreVersion, saveVersion } from './versions';

/** Versions of a case's document as people use them: with the case's rights and audit trail. */

export async function listCaseVersions(ctx: Ctx, caseId: string) {
	const opened = await openCase(ctx, caseId, 'readHistory', 'case.version.list');
	const versions = await listVersions(ctx, opened.record.id);
	await auditCase(ctx, opened, 'case.version.list');
	return { opened, versions };
}

/** The label is checked here too, so that a caller that skips the form cannot store a BSN. */
export async function saveCaseVersion(ctx: Ctx, caseId: string, label: string) {
	if (containsBsn(label)) throw new CapabilityError('invalid', errorKeys.bsn, 'label');
	const opened = await openCase(ctx, caseId, 'edit', 'case.version.save');
	const saved = await saveVersion(ctx, opened.record.id, { label, reason: 'manual' });
	await auditCase(ctx, opened, 'case.version.save', { versionId: saved.id });
	return saved;
}

/** A version and the current state, both as plain content, for viewing and comparing. */
export async function viewCaseVersion(ctx: Ctx, caseId: string, versionId: string) {
	const opened = await openCase(ctx, caseId, 'readHistory', 'case.version.read');
	const { state, ...version } = await getVersion(ctx, opened.record.id, versionId);
	const current = await getCurrentState(ctx, opened.record.id);
	await auditCase(ctx, opened, 'case.version.read', { versionId });
	return {
		opened,
		version,
		versionContent: readCaseContent(state),
		currentContent: readCaseContent(current)
	};
}

export async function restoreCaseVersion(ctx: Ctx, caseId: string, versionId: string) {
	const opened = await openCase(ctx, caseId, 'edit', 'case.version.restore');
	await restoreVersion(ctx, ctx.services.documents, opened.record.id, versionId);
	await auditCase(ctx, opened, 'case.version.restore', { versionId });
}
