import type { Db } from '../db';
import { appendUpdates, type StoredUpdate } from './update-log';

type Pending = StoredUpdate & { resolve: (seq: number) => void; reject: (error: unknown) => void };

/**
 * Group commit: updates that arrive while a write is under way go together in the next one.
 * One write is in flight at a time, so the log's order is the order of `append` calls. The first
 * update in a turn of the event loop is written at once (no added latency on a quiet server);
 * updates that come later in the same turn wait for the turn to end and go together in one
 * write. PGlite runs a write synchronously, so without that each update read from the sockets
 * of a busy server would get a commit of its own.
 */
export class GroupCommitter {
	private queue: Pending[] = [];
	private flushing: Promise<void> | null = null;
	/** An update was appended earlier in this turn of the event loop. */
	private appendedThisTurn = false;
	/** Largest batch written so far; for logs and benchmarks. */
	largestBatch = 0;

	constructor(private readonly db: Db) {}

	append(entry: StoredUpdate): Promise<number> {
		const laterInTurn = this.appendedThisTurn;
		if (!laterInTurn) {
			this.appendedThisTurn = true;
			setImmediate(() => (this.appendedThisTurn = false));
		}
		return new Promise((resolve, reject) => {
			this.queue.push({ ...entry, resolve, reject });
			this.flushing ??= this.flushLoop(laterInTurn);
		});
	}

	/** Resolves when everything appended so far is written (or has failed). */
	async drain(): Promise<void> {
		while (this.flushing) await this.flushing;
	}

	private async flushLoop(waitForTurnEnd: boolean): Promise<void> {
		try {
			if (waitForTurnEnd) await new Promise((resolve) => setImmediate(resolve));
			while (this.queue.length > 0) {
				const batch = this.queue;
				this.queue = [];
				this.largestBatch = Math.max(this.largestBatch, batch.length);
				try {
					const seqs = await appendUpdates(
						this.db,
						batch.map(({ documentName, caseId, update }) => ({ documentName, caseId, update }))
					);
					batch.forEach((entry, i) => entry.resolve(seqs[i]));
				} catch (error) {
					batch.forEach((entry) => entry.reject(error));
				}
			}
		} finally {
			this.flushing = null;
		}
	}
}
