import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { cases } from '../db/schema';
import type { Logger } from '../log';

type Pending = {
	lastWrite: number;
	committedAt: Date | null;
	timer: ReturnType<typeof setTimeout> | null;
};

/**
 * Keeps a case's "last change" (`cases.updated_at`) up to date with live edits to its document,
 * writing it at most once per `everyMs` per case: the first commit after a quiet spell is written
 * at once, later ones within the interval once at its end, with the time of the latest. A typing
 * session of an hour thus costs sixty small updates rather than one per keystroke, and the case
 * list stays ordered by its index on `updated_at` (computing the time from the update log in the
 * list query would not survive compaction, which folds the log into a snapshot).
 */
export class CaseTouches {
	private readonly pending = new Map<string, Pending>();
	private readonly writes = new Set<Promise<void>>();

	constructor(
		private readonly db: Db,
		private readonly log: Logger,
		private readonly everyMs = 60_000
	) {}

	/** A live edit of the case's document was committed now. */
	committed(caseId: string): void {
		const now = new Date();
		let entry = this.pending.get(caseId);
		if (!entry) {
			entry = { lastWrite: 0, committedAt: null, timer: null };
			this.pending.set(caseId, entry);
		}
		entry.committedAt = now;
		if (entry.timer) return;
		const wait = entry.lastWrite + this.everyMs - now.getTime();
		if (wait <= 0) return this.write(caseId, entry);
		entry.timer = setTimeout(() => this.write(caseId, entry), wait);
		entry.timer.unref?.();
	}

	/** Writes what is waiting and resolves when every write is done. */
	async flush(): Promise<void> {
		for (const [caseId, entry] of this.pending) {
			if (entry.timer) this.write(caseId, entry);
		}
		await Promise.all(this.writes);
	}

	private write(caseId: string, entry: Pending): void {
		if (entry.timer) clearTimeout(entry.timer);
		entry.timer = null;
		const at = entry.committedAt;
		if (!at) return;
		entry.committedAt = null;
		entry.lastWrite = Date.now();
		const write = this.db
			.update(cases)
			.set({ updatedAt: sql`greatest(${cases.updatedAt}, ${at.toISOString()}::timestamptz)` })
			.where(eq(cases.id, caseId))
			.then(
				() => undefined,
				(error) => this.log.error({ err: error, caseId }, 'could not record the last change')
			)
			.finally(() => this.writes.delete(write));
		this.writes.add(write);
		// Forget quiet cases, so the map holds only those edited within the interval.
		setTimeout(() => {
			if (!entry.timer && !entry.committedAt) this.pending.delete(caseId);
		}, this.everyMs).unref?.();
	}
}
