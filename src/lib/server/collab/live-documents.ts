import * as Y from 'yjs';
import type { Db } from '../db';
import type { Logger } from '../log';
import { CaseTouches } from './case-touches';
import { GroupCommitter } from './group-commit';
import { appendUpdates, compactDocument, documentFromParts, loadParts } from './update-log';
import { checkUpdate } from './validate-update';
import { pendingStrings, touchedTexts } from './touched-texts';
import { caseDocumentTypes } from '../../protocol/case-document';
import { closeReason, limits } from '../../protocol/collab';
import { containsBsn } from '../../schemas/bsn';

export type LiveDocumentsOptions = {
	/** How long a document without connections stays in memory. */
	evictAfterMs?: number;
	/** Compact a document once this many updates are logged after its snapshot. */
	compactAfter?: number;
	/** Largest a document may grow, encoded (default `limits.maxDocumentBytes`). */
	maxDocumentBytes?: number;
	/**
	 * An update that brings a freshly loaded document into the shape clients expect (null when
	 * it is in shape); stored and applied before anyone syncs.
	 */
	prepare?: (doc: Y.Doc) => Uint8Array | null;
	/** How often at most a case's last-change time is written for live edits (default 1 min). */
	touchCaseEveryMs?: number;
};

/** An in-memory document that only ever holds committed state. */
export type LiveDocument = {
	readonly name: string;
	readonly caseId: string;
	readonly doc: Y.Doc;
};

type Entry = LiveDocument & {
	/** A copy of `doc` plus the updates on their way to it, to rehearse updates on (lazy). */
	rehearsal: Y.Doc | null;
	/** Updates that passed rehearsal and are being stored, in order. */
	inFlight: Uint8Array[];
	/** The encoded size when last measured, plus the bytes of every update accepted since. */
	sizeEstimate: number;
	users: number;
	logLength: number;
	evictTimer: ReturnType<typeof setTimeout> | null;
	compacting: Promise<unknown> | null;
	evicted: boolean;
};

export class UpdateRefused extends Error {
	constructor(readonly reason: string) {
		super(reason);
		this.name = 'UpdateRefused';
	}
}

/**
 * The documents being edited right now. A document is loaded once (concurrent opens share the
 * load), every update is committed before it is applied here, and `doc.on('update')` therefore
 * only ever reports stored changes: the realtime adapter relays from there.
 */
export class LiveDocuments {
	private readonly entries = new Map<string, Promise<Entry>>();
	private readonly committer: GroupCommitter;
	private readonly touches: CaseTouches;
	private readonly evictAfterMs: number;
	private readonly compactAfter: number;
	private readonly maxDocumentBytes: number;
	private readonly prepare: (doc: Y.Doc) => Uint8Array | null;
	private closing = false;
	/** Documents being compacted, including evicted ones. */
	private readonly compactions = new Set<Entry>();

	constructor(
		private readonly db: Db,
		private readonly log: Logger,
		options: LiveDocumentsOptions = {}
	) {
		this.committer = new GroupCommitter(db);
		this.touches = new CaseTouches(db, log, options.touchCaseEveryMs);
		this.evictAfterMs = options.evictAfterMs ?? 30_000;
		this.compactAfter = options.compactAfter ?? 500;
		this.maxDocumentBytes = options.maxDocumentBytes ?? limits.maxDocumentBytes;
		this.prepare = options.prepare ?? (() => null);
	}

	/** Opens (loading when needed) and holds a document until `release`. */
	async open(name: string, caseId: string): Promise<LiveDocument> {
		let pending = this.entries.get(name);
		if (!pending) {
			pending = this.load(name, caseId);
			this.entries.set(name, pending);
			pending.catch(() => this.entries.delete(name));
		}
		const entry = await pending;
		entry.users++;
		if (entry.evictTimer) clearTimeout(entry.evictTimer);
		entry.evictTimer = null;
		return entry;
	}

	release(document: LiveDocument): void {
		const entry = document as Entry;
		entry.users = Math.max(0, entry.users - 1);
		if (entry.users > 0) return;
		entry.evictTimer = setTimeout(() => this.evict(entry), this.evictAfterMs);
		entry.evictTimer.unref?.();
	}

	/** Whether the document is in memory now (for tests and metrics). */
	isLoaded(name: string): boolean {
		return this.entries.has(name);
	}

	/**
	 * Validates, commits and then applies an update. Resolves once it is stored and applied, to
	 * the names of the top-level shared types it changed; rejects with UpdateRefused for invalid
	 * input (nothing stored) or the storage error.
	 */
	async submit(document: LiveDocument, update: Uint8Array, origin: unknown): Promise<string[]> {
		const check = checkUpdate(update);
		if (!check.ok) throw new UpdateRefused(check.reason);
		if (check.empty) return [];
		const entry = document as Entry;
		this.checkSize(entry, update);
		rehearse(entry, update);
		entry.inFlight.push(update);
		try {
			await this.committer.append({ documentName: entry.name, caseId: entry.caseId, update });
		} catch (error) {
			dropRehearsal(entry); // it holds an update that was not stored
			throw error;
		} finally {
			entry.inFlight.splice(entry.inFlight.indexOf(update), 1);
		}
		entry.sizeEstimate += update.byteLength;
		// Yjs lists the types a transaction changed anyway: reading them costs a walk up to the root.
		let touched: string[] = [];
		Y.transact(
			entry.doc,
			(transaction) => {
				Y.applyUpdate(entry.doc, update, origin);
				touched = changedRootNames(entry.doc, transaction);
			},
			origin
		);
		entry.logLength++;
		this.scheduleCompaction(entry);
		if (touched.length > 0) this.touches.committed(entry.caseId);
		return touched;
	}

	/** Waits for every accepted update to be written. */
	drain(): Promise<void> {
		return this.committer.drain();
	}

	async close(): Promise<void> {
		this.closing = true;
		await this.drain();
		await this.touches.flush();
		for (const pending of this.entries.values()) {
			const entry = await pending.catch(() => null);
			if (!entry) continue;
			if (entry.evictTimer) clearTimeout(entry.evictTimer);
			dropRehearsal(entry);
			entry.doc.destroy();
		}
		this.entries.clear();
		await Promise.all([...this.compactions].map((entry) => entry.compacting));
	}

	private async load(name: string, caseId: string): Promise<Entry> {
		const { parts, logLength: storedLogLength } = await loadParts(this.db, name);
		const { doc, skipped } = documentFromParts(parts, { gc: true });
		if (skipped > 0) {
			this.log.error({ document: name, skipped }, 'stored updates that cannot be applied left out');
		}
		let logLength = storedLogLength;
		const prepared = this.prepare(doc);
		if (prepared) {
			await appendUpdates(this.db, [{ documentName: name, caseId, update: prepared }]);
			Y.applyUpdate(doc, prepared);
			parts.push(prepared);
			logLength++;
		}
		const entry: Entry = {
			name,
			caseId,
			doc,
			rehearsal: null,
			inFlight: [],
			sizeEstimate: parts.reduce((bytes, part) => bytes + part.byteLength, 0),
			users: 0,
			logLength,
			evictTimer: null,
			compacting: null,
			evicted: false
		};
		// A long log makes the next cold load slow: fold it into the snapshot now, in the background.
		this.scheduleCompaction(entry);
		return entry;
	}

	/**
	 * Refuses an update that would grow the document past `maxDocumentBytes`: a huge document
	 * would stall the server on every load and compaction. The estimate only grows (a document
	 * holding deletions encodes smaller than its updates), so it is measured before refusing.
	 */
	private checkSize(entry: Entry, update: Uint8Array) {
		if (entry.sizeEstimate + update.byteLength <= this.maxDocumentBytes) return;
		entry.sizeEstimate = Y.encodeStateAsUpdate(entry.doc).byteLength;
		entry.sizeEstimate += entry.inFlight.reduce((bytes, pending) => bytes + pending.byteLength, 0);
		if (entry.sizeEstimate + update.byteLength > this.maxDocumentBytes) {
			throw new UpdateRefused(closeReason.documentTooLarge);
		}
	}

	private evict(entry: Entry) {
		if (entry.users > 0) return;
		this.entries.delete(entry.name);
		entry.evicted = true;
		dropRehearsal(entry);
		this.scheduleCompaction(entry);
		void Promise.resolve(entry.compacting).finally(() => entry.doc.destroy());
	}

	/**
	 * Compacts when the log is long, and once more when the document leaves memory, so that the
	 * next cold load mostly reads the snapshot.
	 */
	private scheduleCompaction(entry: Entry) {
		if (entry.compacting || this.closing) return;
		const due = entry.logLength >= this.compactAfter || (entry.evicted && entry.logLength > 0);
		if (!due) return;
		const logged = entry.logLength;
		this.compactions.add(entry);
		entry.compacting = compactDocument(this.db, entry.name, entry.caseId)
			.then((result) => {
				entry.logLength = Math.max(0, entry.logLength - result.compacted);
				if ('reason' in result) {
					if (result.reason !== 'nothing to compact') {
						this.log.error({ document: entry.name, reason: result.reason }, 'compaction refused');
					}
					// Refused, or another process folded the log first: count afresh from here, or
					// this would ask again at once, forever.
					entry.logLength = 0;
				}
			})
			.catch((error) => {
				this.log.error({ err: error, document: entry.name, logged }, 'compaction failed');
				entry.logLength = 0;
			})
			.finally(() => {
				entry.compacting = null;
				this.compactions.delete(entry);
				// Long logs compact in rounds; a refusal reset the count, so this stops then.
				this.scheduleCompaction(entry);
			});
	}
}

/** The names of the top-level shared types a transaction changed, directly or below them. */
function changedRootNames(doc: Y.Doc, transaction: Y.Transaction): string[] {
	const roots = new Set<unknown>();
	for (const type of transaction.changed.keys()) {
		let root = type;
		while (root._item) root = root._item.parent as typeof type;
		roots.add(root);
	}
	const names: string[] = [];
	for (const [name, type] of doc.share) if (roots.has(type)) names.push(name);
	return names.sort();
}

/**
 * Yjs decodes some updates that still fail to integrate (a struct whose parent is not a shared
 * type, say), and a failed apply can leave a document half-changed. So an update is first
 * applied to a copy of the document; only when that works is it stored and applied for real.
 * The copy is built on the first write (readers never need one) and again after a failure.
 * The rehearsal also shows the texts as the update leaves them: none may hold a BSN.
 */
function rehearse(entry: Entry, update: Uint8Array): void {
	if (!entry.rehearsal) {
		const copy = new Y.Doc({ gc: true });
		caseDocumentTypes(copy); // typed roots, so that touched texts read as texts
		Y.transact(copy, () => {
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(entry.doc));
			entry.inFlight.forEach((pending) => Y.applyUpdate(copy, pending));
		});
		entry.rehearsal = copy;
	}
	const copy = entry.rehearsal;
	let applied: Y.Transaction | undefined;
	try {
		Y.transact(copy, (transaction) => {
			Y.applyUpdate(copy, update);
			applied = transaction;
		});
	} catch (error) {
		dropRehearsal(entry); // a failed apply can leave it half-changed
		throw new UpdateRefused(`update cannot be applied: ${(error as Error).message}`);
	}
	// Read once the transaction is complete: the texts as every client will see them. What waits
	// for a missing dependency is stored too, and sent to clients that connect: its strings count.
	if (
		(applied && touchedTexts(applied).some(containsBsn)) ||
		pendingStrings(copy).some(containsBsn)
	) {
		dropRehearsal(entry); // it holds the refused update
		throw new UpdateRefused(closeReason.bsnRefused);
	}
}

/** Lets go of the rehearsal copy; the next write builds a fresh one. */
function dropRehearsal(entry: Entry): void {
	entry.rehearsal?.destroy();
	entry.rehearsal = null;
}
