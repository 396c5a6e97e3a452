import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
	labCommandSchemas,
	type LabCommand,
	type LabCommandName,
	type LabEventName,
	type LabEventPayloads
} from '../../protocol/lab';
import {
	auditCase,
	auditRefusal,
	inTransaction,
	openCase,
	type CaseAction,
	type OpenedCase
} from '../cases';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { labCommands, labSessions } from '../db/schema';
import { CapabilityError, conflict, forbidden, notFound } from '../errors';
import { auditDenied, mayInSession, openSession, type SessionRow } from './open-session';
import { commandRights } from './rights';
import { accepts } from './transitions';

/** Who an event is for: everyone in the session's room, or only some of its members. */
export type Audience = { sessionId: string; userIds?: string[] };

export type LabEvent = {
	[N in LabEventName]: { name: N; payload: LabEventPayloads[N]; audience: Audience };
}[LabEventName];

/**
 * What every command returns: its result (also what a replay returns) and the events to
 * broadcast. A replay (same idempotency key) returns the stored result and no events: its
 * effect was broadcast when it was first committed.
 */
export type CommandOutcome<R> = { result: R; events: LabEvent[]; replayed: boolean };

export type Work<N extends LabCommandName, R, T> = (
	tx: Ctx,
	target: T,
	input: LabCommand<N>
) => Promise<{ result: R; events: LabEvent[]; detail?: Record<string, unknown> }>;

export const auditActionOf = (name: LabCommandName) => name.replace(/:/g, '.');

function parse<N extends LabCommandName>(name: N, raw: unknown): LabCommand<N> {
	const parsed = (labCommandSchemas[name] as z.ZodType).safeParse(raw);
	if (parsed.success) return parsed.data as LabCommand<N>;
	const issue = parsed.error.issues[0];
	const field = issue.path.length ? issue.path.map(String).join('.') : undefined;
	throw new CapabilityError('invalid', issue.message, field);
}

/**
 * Claims the idempotency key in the command's transaction. When it is taken (committed by an
 * earlier or a concurrent duplicate, which the insert waits for), the stored result.
 */
async function claimKey(tx: Ctx, caseId: string, name: LabCommandName, key: string) {
	const actorId = tx.actor!.id;
	const claimed = await tx.db
		.insert(labCommands)
		.values({ caseId, actorId, key, command: name, createdAt: tx.clock() })
		.onConflictDoNothing()
		.returning({ key: labCommands.key });
	if (claimed.length) return null;
	const [earlier] = await tx.db
		.select({ command: labCommands.command, result: labCommands.result })
		.from(labCommands)
		.where(
			and(
				eq(labCommands.caseId, caseId),
				eq(labCommands.actorId, actorId),
				eq(labCommands.key, key)
			)
		);
	if (earlier.command !== name) throw conflict('lab_error_key_reused', 'idempotencyKey');
	return { result: earlier.result };
}

const storeResult = (tx: Ctx, caseId: string, key: string, result: unknown) =>
	tx.db
		.update(labCommands)
		.set({ result: result ?? null })
		.where(
			and(
				eq(labCommands.caseId, caseId),
				eq(labCommands.actorId, tx.actor!.id),
				eq(labCommands.key, key)
			)
		);

/** The session as it is under its row lock, with a new revision; commands on it queue here. */
async function lockSession(tx: Ctx, sessionId: string): Promise<SessionRow> {
	const [row] = await tx.db
		.update(labSessions)
		.set({ revision: sql`${labSessions.revision} + 1` })
		.where(eq(labSessions.id, sessionId))
		.returning();
	return row;
}

/**
 * Runs one command on a session: rights by the case policy (checked again under the session's
 * lock, so a facilitator who just handed over steers no more), input by its schema, status by
 * the state machine; then the work, the idempotency record and the audit event in one
 * transaction. Refusals are audited.
 */
export async function runSessionCommand<N extends LabCommandName, R>(
	ctx: Ctx,
	sessionId: string,
	name: N,
	raw: unknown,
	work: Work<N, R, { opened: OpenedCase; session: SessionRow }>
): Promise<CommandOutcome<R>> {
	const auditAction = auditActionOf(name);
	const right = commandRights[name];
	const { opened, session } = await openSession(ctx, sessionId, right, auditAction);
	const entry = { action: auditAction, caseId: opened.record.id, actorRole: opened.role };
	try {
		const input = parse(name, raw);
		return await inTransaction(ctx, async (tx) => {
			const locked = await lockSession(tx, session.id);
			if (!locked) throw notFound(); // its case was deleted meanwhile
			const earlier = await claimKey(tx, opened.record.id, name, input.idempotencyKey);
			if (earlier) throw new Replayed(earlier.result);
			if (!mayInSession(tx, opened, locked, right)) throw new Refused(right);
			if (!accepts(locked.status, name)) throw conflict('lab_error_status');
			const done = await work(tx, { opened, session: locked }, input);
			await storeResult(tx, opened.record.id, input.idempotencyKey, done.result);
			await auditCase(tx, opened, auditAction, { sessionId: session.id, ...done.detail });
			return { result: done.result, events: done.events, replayed: false };
		});
	} catch (error) {
		return handleFailure<R>(ctx, entry, opened, error);
	}
}

/** Runs one command on a case (planning a session): the same guarantees, under the case's lock. */
export async function runCaseCommand<N extends LabCommandName, R>(
	ctx: Ctx,
	caseId: string,
	name: N,
	raw: unknown,
	work: Work<N, R, OpenedCase>
): Promise<CommandOutcome<R>> {
	const auditAction = auditActionOf(name);
	const opened = await openCase(ctx, caseId, commandRights[name], auditAction);
	const entry = { action: auditAction, caseId: opened.record.id, actorRole: opened.role };
	try {
		const input = parse(name, raw);
		return await inTransaction(ctx, async (tx) => {
			const earlier = await claimKey(tx, opened.record.id, name, input.idempotencyKey);
			if (earlier) throw new Replayed(earlier.result);
			const done = await work(tx, opened, input);
			await storeResult(tx, opened.record.id, input.idempotencyKey, done.result);
			await auditCase(tx, opened, auditAction, done.detail);
			return { result: done.result, events: done.events, replayed: false };
		});
	} catch (error) {
		return handleFailure<R>(ctx, entry, opened, error);
	}
}

/** A duplicate: leaves the transaction (which wrote nothing) and answers the stored result. */
class Replayed {
	constructor(readonly result: unknown) {}
}

/** The right was lost between opening the session and locking it (a handover in between). */
class Refused {
	constructor(readonly right: CaseAction) {}
}

async function handleFailure<R>(
	ctx: Ctx,
	entry: { action: string; caseId: string; actorRole: OpenedCase['role'] },
	opened: OpenedCase,
	error: unknown
): Promise<CommandOutcome<R>> {
	if (error instanceof Replayed) return { result: error.result as R, events: [], replayed: true };
	if (error instanceof Refused) {
		await auditDenied(ctx, opened, entry.action, error.right);
		throw forbidden();
	}
	if (error instanceof CapabilityError && error.code === 'not_found') {
		// An id in the input that is not of this session (another session's proposal, say).
		await recordAudit(ctx, { ...entry, outcome: 'not_found' });
	}
	throw await auditRefusal(ctx, entry, error);
}
