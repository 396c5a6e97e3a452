import type { Db } from '../db';
import { appendUpdates, type StoredUpdate } from './update-log';

type Pending = StoredUpdate & { resolve: (seq: number) => void; reject: (error: unknown) => void };

/**
 * Group commit: updates that arrive in the same turn of the event loop, or while a write is
 * under way, go together in one write. One write is in flight at a time, so the log's order is
 * the order of `append` calls. An idle committer writes at the end of the current turn
 * (setImmediate), which adds no waiting but lets every message already read from the sockets in
 * this turn join: PGlite runs a write synchronously, so without this each would get its own.
 */
export class GroupCommitter {
	private queue: Pending[] = [];
	private flushing: Promise<void> | null = null;
	/** Largest batch written so far; for logs and benchmarks. */
	largestBatch = 0;

	constructor(private readonly db: Db) {}

	append(entry: StoredUpdate): Promise<number> {
		return new Promise((resolve, reject) => {
			this.queue.push({ ...entry, resolve, reject });
			this.flushing ??= this.flushLoop();
		});
	}

	/** Resolves when everything appended so far is written (or has failed). */
	async drain(): Promise<void> {
		while (this.flushing) await this.flushing;
	}

	private async flushLoop(): Promise<void> {
		try {
			await new Promise((resolve) => setImmediate(resolve));
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
