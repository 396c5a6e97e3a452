import { and, asc, eq, getTableColumns, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
	HandView,
	ObservationView,
	ParticipantView,
	ProposalView,
	SessionView
} from '../../protocol/lab';
import type { Ctx } from '../context';
import {
	caseMembers,
	guests,
	invites,
	labCategories,
	labHands,
	labObservations,
	labPresence,
	labProposals,
	labSteps,
	organisations,
	users
} from '../db/schema';
import type { SessionRow } from './open-session';
import { spentMs, viewTimer } from './timer';

/** Reads of a session's state as the views clients render. Each is one or two queries. */

export const stepsOf = (ctx: Ctx, sessionId: string) =>
	ctx.db
		.select()
		.from(labSteps)
		.where(eq(labSteps.sessionId, sessionId))
		.orderBy(asc(labSteps.position));

export type StepRow = typeof labSteps.$inferSelect;

export const timerOf = (step: StepRow) => ({
	endsAt: step.timerEndsAt,
	remainingMs: step.timerRemainingMs,
	timeboxMs: step.minutes * 60_000
});

async function userNames(ctx: Ctx, ids: (string | null)[]) {
	const wanted = ids.filter((id): id is string => !!id);
	if (!wanted.length) return new Map<string, string>();
	const rows = await ctx.db
		.select({ id: users.id, name: users.name })
		.from(users)
		.where(inArray(users.id, wanted));
	return new Map(rows.map((row) => [row.id, row.name]));
}

export async function viewSession(ctx: Ctx, session: SessionRow): Promise<SessionView> {
	const now = ctx.clock();
	const [steps, names] = await Promise.all([
		stepsOf(ctx, session.id),
		userNames(ctx, [session.facilitatorId, session.scribeId])
	]);
	const person = (id: string | null) => (id ? { userId: id, name: names.get(id) ?? '' } : null);
	return {
		sessionId: session.id,
		caseId: session.caseId,
		revision: session.revision,
		status: session.status,
		title: session.title,
		goal: session.goal,
		scheduledAt: session.scheduledAt.toISOString(),
		startedAt: session.startedAt?.toISOString() ?? null,
		endedAt: session.endedAt?.toISOString() ?? null,
		facilitator: person(session.facilitatorId),
		scribe: person(session.scribeId),
		currentStep: session.currentStep,
		steps: steps.map((step, index) => ({
			id: step.id,
			index,
			title: step.title,
			minutes: step.minutes,
			spentMs: spentMs(step, now),
			timer: viewTimer(timerOf(step), now)
		})),
		serverNow: now.toISOString()
	};
}

export async function viewParticipants(ctx: Ctx, session: SessionRow): Promise<ParticipantView[]> {
	const now = ctx.clock().getTime();
	const rows = await ctx.db
		.select({
			userId: labPresence.userId,
			name: users.name,
			organisation: organisations.name,
			role: caseMembers.role,
			status: labPresence.status,
			presentMs: labPresence.presentMs,
			presentSince: labPresence.presentSince,
			guestOrganisation: guests.organisation,
			guestStatus: guests.status,
			guestRole: invites.role
		})
		.from(labPresence)
		.innerJoin(users, eq(users.id, labPresence.userId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.leftJoin(
			caseMembers,
			and(eq(caseMembers.caseId, session.caseId), eq(caseMembers.userId, labPresence.userId))
		)
		// A guest is no case member: their organisation and role are those of their invite.
		.leftJoin(guests, eq(guests.userId, labPresence.userId))
		.leftJoin(invites, eq(invites.id, guests.inviteId))
		.where(eq(labPresence.sessionId, session.id))
		.orderBy(asc(labPresence.firstJoinedAt), asc(users.name));
	return rows.map(({ presentSince, guestOrganisation, guestStatus, guestRole, ...row }) => ({
		...row,
		organisation: row.organisation ?? guestOrganisation,
		role: row.role ?? (guestStatus === 'admitted' ? guestRole : null) ?? 'former member',
		guest: guestStatus !== null,
		presentMs: row.presentMs + (presentSince ? Math.max(0, now - presentSince.getTime()) : 0)
	}));
}

export async function viewHandQueue(ctx: Ctx, sessionId: string): Promise<HandView[]> {
	const rows = await ctx.db
		.select({
			id: labHands.id,
			userId: labHands.userId,
			name: users.name,
			raisedAt: labHands.raisedAt
		})
		.from(labHands)
		.innerJoin(users, eq(users.id, labHands.userId))
		.where(and(eq(labHands.sessionId, sessionId), isNull(labHands.closedAt)))
		.orderBy(asc(labHands.seq));
	return rows.map((row) => ({ ...row, raisedAt: row.raisedAt.toISOString() }));
}

export async function viewObservations(
	ctx: Ctx,
	sessionId: string,
	onlyId?: string
): Promise<ObservationView[]> {
	const rows = await ctx.db
		.select({
			observation: labObservations,
			categoryLabel: labCategories.label,
			organisationName: organisations.name
		})
		.from(labObservations)
		.innerJoin(labCategories, eq(labCategories.id, labObservations.categoryId))
		.leftJoin(organisations, eq(organisations.id, labObservations.organisationId))
		.where(
			onlyId
				? and(eq(labObservations.sessionId, sessionId), eq(labObservations.id, onlyId))
				: eq(labObservations.sessionId, sessionId)
		)
		.orderBy(asc(labObservations.seq));
	const sources = await ctx.db
		.select({ id: labProposals.id, observationId: labProposals.observationId })
		.from(labProposals)
		.where(
			onlyId
				? and(eq(labProposals.sessionId, sessionId), eq(labProposals.observationId, onlyId))
				: eq(labProposals.sessionId, sessionId)
		)
		.orderBy(asc(labProposals.seq));
	return rows.map(({ observation: o, categoryLabel, organisationName }) => ({
		id: o.id,
		kind: o.kind,
		text: o.text,
		category: { id: o.categoryId, label: categoryLabel },
		planItemId: o.planItemId,
		organisation:
			o.organisationId && organisationName
				? { id: o.organisationId, name: organisationName }
				: null,
		raisedBy: { userId: o.raisedById, name: o.raisedByName },
		recordedBy: { userId: o.recordedById, name: o.recordedByName },
		cell:
			o.boardRow && o.boardColumn
				? ({ row: o.boardRow, column: o.boardColumn } as ObservationView['cell'])
				: null,
		fromProposalIds: sources.filter((s) => s.observationId === o.id).map((s) => s.id),
		createdAt: o.createdAt.toISOString()
	}));
}

const proposer = alias(users, 'proposer');
const resolver = alias(users, 'resolver');

/** Proposals of a session, all or those of one proposer, or one by id. */
export async function viewProposals(
	ctx: Ctx,
	sessionId: string,
	filter: { proposedById?: string; id?: string } = {}
): Promise<ProposalView[]> {
	const conditions = [eq(labProposals.sessionId, sessionId)];
	if (filter.proposedById) conditions.push(eq(labProposals.proposedById, filter.proposedById));
	if (filter.id) conditions.push(eq(labProposals.id, filter.id));
	const rows = await ctx.db
		.select({
			...getTableColumns(labProposals),
			proposerName: proposer.name,
			resolverName: resolver.name
		})
		.from(labProposals)
		.innerJoin(proposer, eq(proposer.id, labProposals.proposedById))
		.leftJoin(resolver, eq(resolver.id, labProposals.resolvedById))
		.where(and(...conditions))
		.orderBy(asc(labProposals.seq));
	return rows.map(({ proposerName, resolverName, ...p }) => ({
		id: p.id,
		kind: p.kind,
		text: p.text,
		categoryId: p.categoryId,
		planItemId: p.planItemId,
		organisationId: p.organisationId,
		raisedBy: { userId: p.raisedById, name: p.raisedByName },
		proposedBy: { userId: p.proposedById, name: proposerName },
		status: p.status,
		observationId: p.observationId,
		note: p.note,
		resolvedBy: p.resolvedById ? { userId: p.resolvedById, name: resolverName ?? '' } : null,
		createdAt: p.createdAt.toISOString(),
		resolvedAt: p.resolvedAt?.toISOString() ?? null
	}));
}
