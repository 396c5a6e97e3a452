export {
	can,
	canEnterSession,
	listRights,
	caseActions,
	roleCan,
	sessionRoles,
	type SessionRole,
	type CaseAction,
	type CaseRights,
	type Membership
} from './policy';
export {
	openCase,
	auditCase,
	auditRefusal,
	inTransaction,
	isUuid,
	type CaseRecord,
	type OpenedCase
} from './access';
export { createCase, getCase, updateCase, type CaseView } from './details';
export { closeCase, reopenCase, deleteCase } from './lifecycle';
export { listMyCases, type CaseListFilter, type CaseSummary } from './list';
export {
	listMembers,
	listMemberCandidates,
	addMember,
	changeMemberRole,
	removeMember,
	readLiveMemberships,
	membershipKey,
	type AddMemberInput,
	type CaseMember,
	type MemberCandidate
} from './members';
export { listCaseAudit, type CaseAuditTrail } from './audit-trail';
