/**
 * The contract of the live-document endpoint, shared by browser, server, tests and benchmarks.
 *
 * Clients speak the y-websocket protocol (y-protocols sync + awareness) to
 *   ws(s)://<host>/collab/<document name>
 * e.g. `new WebsocketProvider('wss://host/collab', caseDocumentName(caseId), doc)`.
 */

export const collabPath = '/collab';

/** One document per case: its narrative, breakthrough, plan and life domains. */
export function caseDocumentName(caseId: string): string {
	return `cases/${caseId}`;
}

const caseDocumentPattern =
	/^cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The case a document name refers to, or null for a name that is not a case document. */
export function parseCaseDocumentName(name: string): { caseId: string } | null {
	const match = caseDocumentPattern.exec(name);
	return match ? { caseId: match[1] } : null;
}

/** Message types of y-websocket (0–3) and the ones this server adds. */
export const messageType = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	/**
	 * Server → client, after updates from this connection are committed to the database (and once
	 * on connect): a Yjs state vector of everything stored. A client whose own state vector it
	 * covers is "saved". Sent only to clients that ask with `persistedAcksParam` in the URL: a
	 * y-websocket client without a handler for it would log an error for each.
	 */
	persisted: 100
} as const;

/** Query parameters (WebsocketProvider `params`) that turn on `persisted` messages. */
export const persistedAcksParam = { acks: 'persisted' } as const;

/** Close codes sent by the server, with a human-readable reason. */
export const closeCode = {
	/** A frame larger than `limits.maxMessageBytes` (the standard "message too big"). */
	tooLarge: 1009,
	/** A frame that is not a valid y-websocket message, or an update that fails validation. */
	badMessage: 4400,
	/** The session behind the connection ended (logout, deactivation). */
	unauthenticated: 4401,
	/** Membership of the case was removed. */
	forbidden: 4403,
	/** Too many messages in a short time. */
	rateLimited: 4429,
	/** The server could not store an update; reconnect and resend. */
	storageFailed: 4500,
	/** The server is shutting down. */
	goingAway: 1001
} as const;

/** Close reasons a page tells apart (with `accessEnded` in ./access.ts); others are free text. */
export const closeReason = {
	documentTooLarge: 'the document would grow past its size limit (limits.maxDocumentBytes)',
	/**
	 * With `closeCode.badMessage`: an update that would leave a BSN-like number
	 * (`findBsnLikeNumbers` in `$lib/schemas/bsn`) in a text of the case document.
	 */
	bsnRefused: 'update refused: a BSN-like number may not be stored in a case'
} as const;

export const limits = {
	/** Largest WebSocket frame accepted (1 MiB). */
	maxMessageBytes: 1024 * 1024,
	/**
	 * Largest a case document may grow, encoded: far beyond any real case, small enough that
	 * loading or compacting it does not stall the server.
	 */
	maxDocumentBytes: 8 * 1024 * 1024,
	/** Most items (characters, entries, deletions) one update may claim. */
	maxItemsPerUpdate: 1_000_000,
	/**
	 * Messages per connection: a burst of this many, refilled at `messagesPerSecond`. Generous
	 * because y-websocket clients echo every presence change they receive back to the server.
	 */
	messageBurst: 1000,
	messagesPerSecond: 500,
	/**
	 * Requests whose answer can be large (sync step 1: the document; awareness query: everyone's
	 * presence). Clients send one of each when they connect.
	 */
	syncRequestBurst: 10,
	syncRequestsPerSecond: 1,
	/** Longest presence (awareness) state of one client, in characters of JSON. */
	maxPresenceStateLength: 16 * 1024,
	/**
	 * Bytes queued for a client that does not read them, after which its connection is cut (no
	 * close frame: it would wait behind the queue).
	 */
	maxSendBacklogBytes: 16 * 1024 * 1024,
	/** A connection that has not answered a ping within this time is cut. */
	heartbeatMs: 30_000
} as const;

/**
 * Names and types of the shared types in a case document. Top-level types only: nested types
 * created concurrently by two clients would overwrite each other.
 */
export const caseDocument = {
	/** Y.XmlFragment: the case description as rich text (Tiptap/ProseMirror). */
	narrative: 'narrative',
	/** Y.Text: the breakthrough (doorbraak) the family and professionals agreed on. */
	breakthroughText: 'breakthroughText',
	/** Y.Map<string>: `agreedOn` (YYYY-MM-DD) for the breakthrough. */
	breakthrough: 'breakthrough',
	/**
	 * Y.Map<Y.Map>: plan items by id; each a Y.Map of PlanItemFields, ordered by `position`. The
	 * `planItemTextFields` are Y.Text (a plain string in documents from before that).
	 */
	planItems: 'planItems',
	/**
	 * Y.Map: `<domain>.score` (number, 1–5) and `<domain>.note` (Y.Text; a plain string in
	 * documents from before that) per life domain.
	 */
	lifeDomains: 'lifeDomains'
} as const;

export const planItemStatuses = [
	'concept',
	'ingediend',
	'goedgekeurd',
	'afgewezen',
	'uitgevoerd'
] as const;
export type PlanItemStatus = (typeof planItemStatuses)[number];

/** Plan item fields that people type in: Y.Text, so that two people typing both keep their text. */
export const planItemTextFields = ['action', 'organisation', 'person', 'legalBasis'] as const;

/** A plan item as plain values (Y.Text read as its string). */
export type PlanItemFields = {
	id: string;
	/** Fractional ordering key; reordering changes only this field. */
	position: number;
	action: string;
	organisation: string;
	person: string;
	/** Euros, as a number; empty when not estimated. */
	costEstimate: number | null;
	legalBasis: string;
	dueDate: string;
	status: PlanItemStatus;
};

/** The 13 life domains of the Zelfredzaamheid-Matrix, scored 1–5. */
export const lifeDomains = [
	'financien',
	'werk_opleiding',
	'tijdsbesteding',
	'huisvesting',
	'huiselijke_relaties',
	'geestelijke_gezondheid',
	'lichamelijke_gezondheid',
	'middelengebruik',
	'basale_adl',
	'instrumentele_adl',
	'sociaal_netwerk',
	'maatschappelijke_participatie',
	'justitie'
] as const;
export type LifeDomain = (typeof lifeDomains)[number];
