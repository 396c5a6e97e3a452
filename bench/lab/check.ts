/**
 * Checks bench:lab's commands in the database after a phase: every acknowledged observation and
 * proposal stored exactly once in its session, every acknowledged command's idempotency record
 * present, and every observation or proposal that reached a receiver stored. Reads the phase's
 * outcome (`{ tag, sessions: SessionOutcome[] }`) from `--input`; prints a Completeness as JSON.
 *
 *   DATA_DIR=/tmp/x node --import tsx bench/lab/check.ts --input outcome.json
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { like } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { labCommands, labObservations, labProposals } from '../../src/lib/server/db/schema';
import type { CommandKind, SessionOutcome } from './protocol';

export type Tally = {
	acked: number;
	stored: number;
	/** Acknowledged but not stored: lost. */
	lost: number;
	/** Stored more than once. */
	duplicated: number;
	/** Stored but never acknowledged (committed when the connection or the server went away). */
	unacknowledged: number;
	/** Stored in another session than the one it was sent to. */
	misplaced: number;
};

export type Completeness = {
	observations: Tally;
	proposals: Tally;
	/** Acknowledged commands of every kind and those without their idempotency record. */
	commands: { acked: number; lost: number };
	/** Observations and proposals some receiver saw that are not stored. */
	seenNotStored: number;
	/** Sessions whose stored observations and proposals equal the acknowledged ones. */
	sessionsMatching: number;
	sessions: number;
};

const { values } = parseArgs({ options: { input: { type: 'string' } } });
const { tag, sessions } = JSON.parse(fs.readFileSync(values.input!, 'utf8')) as {
	tag: string;
	sessions: SessionOutcome[];
};

const keyOf = (text: string) => /^bench:(\S+)/.exec(text)![1];

function tally(
	rows: { sessionId: string; text: string }[],
	kinds: CommandKind[],
	mismatched: Set<string>
): { tally: Tally; keys: Set<string> } {
	const storedIn = new Map<string, string[]>();
	for (const row of rows) {
		const key = keyOf(row.text);
		storedIn.set(key, [...(storedIn.get(key) ?? []), row.sessionId]);
	}
	const result: Tally = {
		acked: 0,
		stored: rows.length,
		lost: 0,
		duplicated: 0,
		unacknowledged: 0,
		misplaced: 0
	};
	const acked = new Set<string>();
	for (const session of sessions) {
		const keys = kinds.flatMap((kind) => session.acked[kind]);
		const storedHere = rows.filter((r) => r.sessionId === session.sessionId).length;
		if (storedHere !== keys.length) mismatched.add(session.sessionId);
		for (const key of keys) {
			acked.add(key);
			result.acked++;
			const where = storedIn.get(key) ?? [];
			if (where.length === 0) result.lost++;
			if (where.length > 1) result.duplicated++;
			if (where.some((id) => id !== session.sessionId)) result.misplaced++;
		}
	}
	result.unacknowledged = [...storedIn.keys()].filter((key) => !acked.has(key)).length;
	return { tally: result, keys: new Set(storedIn.keys()) };
}

const database = await openDatabase({
	databaseUrl: process.env.DATABASE_URL || undefined,
	dataDir: process.env.DATABASE_URL ? undefined : path.resolve(process.env.DATA_DIR ?? './data')
});
try {
	const { db } = database;
	const pattern = `bench:${tag}%`;
	const observationRows = await db
		.select({ sessionId: labObservations.sessionId, text: labObservations.text })
		.from(labObservations)
		.where(like(labObservations.text, pattern));
	const proposalRows = await db
		.select({ sessionId: labProposals.sessionId, text: labProposals.text })
		.from(labProposals)
		.where(like(labProposals.text, pattern));
	const commandKeys = new Set(
		(
			await db
				.select({ key: labCommands.key })
				.from(labCommands)
				.where(like(labCommands.key, `${tag}%`))
		).map((r) => r.key)
	);
	const mismatched = new Set<string>();
	const observations = tally(observationRows, ['record'], mismatched);
	const proposals = tally(proposalRows, ['propose'], mismatched);
	const allAcked = sessions.flatMap((s) => Object.values(s.acked).flat());
	const completeness: Completeness = {
		observations: observations.tally,
		proposals: proposals.tally,
		commands: {
			acked: allAcked.length,
			lost: allAcked.filter((key) => !commandKeys.has(key)).length
		},
		seenNotStored: sessions
			.flatMap((s) => s.seen)
			.filter((key) => !observations.keys.has(key) && !proposals.keys.has(key)).length,
		sessionsMatching: sessions.length - mismatched.size,
		sessions: sessions.length
	};
	process.stdout.write(`${JSON.stringify(completeness)}\n`);
} finally {
	await database.close();
}
