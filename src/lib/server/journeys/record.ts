import type { CaseContent } from '../../protocol/case-document';
import type {
	ObservationView,
	ParticipantView,
	ProposalView,
	SessionView
} from '../../protocol/lab';
import { diffPlan, listAgreements, type Agreement, type PlanDiff } from './plan-diff';

export const journeyRecordVersion = 1;

/** What a session's lab hands over at its end, all read from the database, none from a client. */
export type SessionFacts = {
	session: SessionView;
	participants: ParticipantView[];
	observations: ObservationView[];
	proposals: ProposalView[];
	categoryLabels: Record<string, string>;
};

type PlanSnapshot = Pick<CaseContent, 'breakthroughText' | 'breakthrough' | 'planItems'>;

/** The journey record as stored (jsonb), version 1. */
export type JourneyRecordV1 = {
	schemaVersion: 1;
	session: {
		id: string;
		caseId: string;
		title: string;
		goal: string;
		scheduledAt: string;
		startedAt: string;
		endedAt: string;
		durationMs: number;
		facilitator: { userId: string; name: string } | null;
		scribe: { userId: string; name: string } | null;
	};
	participants: {
		userId: string;
		name: string;
		organisation: string | null;
		role: string;
		/** Joined by an invite link (absent in records from before guests). */
		guest?: boolean;
		presentMs: number;
	}[];
	steps: { index: number; title: string; minutes: number; spentMs: number }[];
	observations: (Omit<ObservationView, 'fromProposalIds'> & {
		planItemAction: string | null;
		proposalIds: string[];
	})[];
	proposals: (Omit<ProposalView, 'categoryId'> & { category: { id: string; label: string } })[];
	plan: { atStart: PlanSnapshot; atEnd: PlanSnapshot; difference: PlanDiff };
	agreements: Agreement[];
};

const planOf = (content: CaseContent): PlanSnapshot => ({
	breakthroughText: content.breakthroughText,
	breakthrough: content.breakthrough,
	planItems: content.planItems
});

/** Composes the record from the session's facts and its case document at start and at end. */
export function composeRecord(
	facts: SessionFacts,
	atStart: CaseContent,
	atEnd: CaseContent
): JourneyRecordV1 {
	const { session } = facts;
	const startedAt = session.startedAt ?? session.scheduledAt;
	const endedAt = session.endedAt ?? startedAt;
	const actionOf = new Map(
		[...atStart.planItems, ...atEnd.planItems].map((item) => [item.id, item.action ?? ''])
	);
	return {
		schemaVersion: journeyRecordVersion,
		session: {
			id: session.sessionId,
			caseId: session.caseId,
			title: session.title,
			goal: session.goal,
			scheduledAt: session.scheduledAt,
			startedAt,
			endedAt,
			durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(startedAt)),
			facilitator: session.facilitator,
			scribe: session.scribe
		},
		participants: facts.participants.map(
			({ userId, name, organisation, role, guest, presentMs }) => ({
				userId,
				name,
				organisation,
				role,
				guest,
				presentMs
			})
		),
		steps: session.steps.map(({ index, title, minutes, spentMs }) => ({
			index,
			title,
			minutes,
			spentMs
		})),
		observations: facts.observations.map(({ fromProposalIds, ...observation }) => ({
			...observation,
			planItemAction: observation.planItemId
				? (actionOf.get(observation.planItemId) ?? null)
				: null,
			proposalIds: fromProposalIds
		})),
		proposals: facts.proposals.map(({ categoryId, ...proposal }) => ({
			...proposal,
			category: { id: categoryId, label: facts.categoryLabels[categoryId] ?? '' }
		})),
		plan: { atStart: planOf(atStart), atEnd: planOf(atEnd), difference: diffPlan(atStart, atEnd) },
		agreements: listAgreements(atEnd)
	};
}
