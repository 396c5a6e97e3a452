import { translate } from '$lib/i18n/translate';
import { m } from '$lib/paraglide/messages';

/** The message key of an audit action: `case.collab.connect` → `audit_action_case_collab_connect`. */
export const actionMessageKey = (action: string) => `audit_action_${action.replaceAll('.', '_')}`;

/** An action's label in the reader's language; an action without one shows its code. */
export function actionLabel(action: string): string {
	return translate(actionMessageKey(action));
}

/** The parts of a case, by the shared types of its document that hold them. */
const partOfSharedType: Record<string, string> = {
	narrative: 'narrative',
	breakthroughText: 'breakthrough',
	breakthrough: 'breakthrough',
	planItems: 'plan_items',
	lifeDomains: 'life_domains'
};

/** "beschrijving, planitems": the parts of the case that shared types `touched` hold. */
export function partsLabel(touched: string[]): string {
	const parts = new Set(touched.map((type) => partOfSharedType[type] ?? type));
	return [...parts].map((part) => translate(`audit_part_${part}`)).join(', ');
}

/** What a live visit changed: "12 wijzigingen in: plan items." */
export function visitChanges(updatesAccepted: number | null, touched: string[] | null): string {
	const count = updatesAccepted ?? 0;
	if (count === 0 || touched?.length === 0) return m.audit_visit_no_changes();
	if (!touched) return m.audit_visit_changes_unknown({ count });
	const parts = partsLabel(touched);
	return count === 1
		? m.audit_visit_changes_one({ parts })
		: m.audit_visit_changes_other({ count, parts });
}

/** How the audit trail names a guest (see lookUpAuditGuests on the server). */
export type AuditGuestLabel = { organisation: string; inviteLabel: string | null };

/** Who acted: a professional by name; a guest as "naam (gast, organisatie) via link 'label'". */
export function actorLabel(name: string | null, guest?: AuditGuestLabel | null): string {
	if (name === null) return m.audit_unknown_actor();
	if (!guest) return name;
	const { organisation, inviteLabel } = guest;
	return inviteLabel === null
		? m.audit_guest_actor_no_link({ name, organisation })
		: m.audit_guest_actor({ name, organisation, label: inviteLabel });
}
