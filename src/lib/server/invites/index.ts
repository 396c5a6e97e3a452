export { createInvite, type CreatedInvite } from './create';
export {
	listInvites,
	selectWaitingGuests,
	inviteStatus,
	inviteStatuses,
	type InviteStatus,
	type InviteSummary,
	type InviteGuest,
	type WaitingGuest
} from './list';
export { decideGuest, removeGuest, revokeInvite, endSessionGuests } from './manage';
export {
	previewInvite,
	redeemInvite,
	unusableLink,
	type InvitePreview,
	type Redemption
} from './redeem';
export { validateGuest, leaveAsGuest, type ValidatedGuest } from './guest-session';
export { openInviteScope, type InviteScope } from './authorise';
export { isGuestToken } from './tokens';
export { createInviteLimiter, takeRedemptionAttempt } from './limits';
export { guestHome, guestMayOpen } from './guest-home';
export { LobbySignal } from './lobby-signal';
export { inviteExpiry } from './expiry';
export { lookUpAuditGuests, type AuditGuest } from './audit-guests';
