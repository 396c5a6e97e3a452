import type { ObservationKind } from '$lib/protocol/lab';

/** The case's material the session view gets from its load, beside the session itself. */
export type CaseMemberOption = {
	userId: string;
	name: string;
	organisationName: string | null;
	role: string;
};
export type OrganisationOption = { id: string; name: string };
export type PlanItemOption = { id: string; action: string; organisation: string; status: string };
export type CategoryOption = { id: string; kind: ObservationKind; label: string };

/** A plan item as a short line: its action, or its position when it has none yet. */
export function planItemLabel(items: PlanItemOption[], id: string | null): string | null {
	if (!id) return null;
	const index = items.findIndex((item) => item.id === id);
	if (index === -1) return null;
	return items[index].action.trim() || `#${index + 1}`;
}

/** The planreis so far, for the board's mirror of the past. */
export type JourneySoFar = {
	daysSinceBreakthrough: number | null;
	breakthrough: { text: string; agreedOn?: string };
	stops: {
		recordId: string;
		title: string;
		endedAt: string;
		daysSincePrevious: number | null;
		observations: number;
	}[];
};
