export { checkUpdate, type UpdateCheck } from './validate-update';
export {
	appendUpdates,
	loadState,
	loadParts,
	documentFromParts,
	compactDocument,
	type StoredUpdate
} from './update-log';
export { GroupCommitter } from './group-commit';
export {
	LiveDocuments,
	UpdateRefused,
	type LiveDocument,
	type LiveDocumentsOptions
} from './live-documents';
export {
	caseDocumentTypes,
	replaceCaseContent,
	prepareCaseDocument,
	computeRestoreUpdate,
	readCaseContent,
	narrativeBlocks,
	type NarrativeBlock
} from './case-document';
export {
	saveVersion,
	listVersions,
	getVersion,
	getCurrentState,
	restoreVersion,
	type VersionSummary
} from './versions';
export {
	listCaseVersions,
	saveCaseVersion,
	viewCaseVersion,
	restoreCaseVersion
} from './case-versions';
