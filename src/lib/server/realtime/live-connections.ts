import { closeCodeFor } from '../../protocol/access';
import { closeCode } from '../../protocol/collab';
import type { CaseRole } from '../../schemas/enums';
import type { Revocation } from '../context';

/** A live connection of any adapter (document or session channel), as revocation sees it. */
export type LiveConnection = {
	readonly userId: string;
	readonly sessionToken: string;
	readonly caseId: string;
	readonly role: CaseRole;
	close(code: number, reason: string): void;
};

/** Revocations are remembered this long for upgrades that were authorised before them. */
const rememberRevocationsMs = 60_000;

function matches(revocation: Revocation, connection: LiveConnection): boolean {
	if (revocation.sessionToken && connection.sessionToken !== revocation.sessionToken) return false;
	if (revocation.exceptSessionToken && connection.sessionToken === revocation.exceptSessionToken)
		return false;
	if (revocation.userId && connection.userId !== revocation.userId) return false;
	if (revocation.caseId && connection.caseId !== revocation.caseId) return false;
	return true;
}

function isTargeted({ sessionToken, userId, caseId }: Revocation): boolean {
	return Boolean(sessionToken || userId || caseId);
}

/**
 * Every live connection of the process, whatever protocol it speaks, and the one place access
 * ends for them. An upgrade is authorised (database reads) before its connection exists; a
 * revocation in that window would miss it, so each connection registers with the mark taken
 * before its authorisation, and is closed at once when a matching revocation came after it.
 */
export class LiveConnections {
	private readonly connections = new Set<LiveConnection>();
	private revocations: { seq: number; at: number; revocation: Revocation }[] = [];
	private seq = 0;
	/** Marks at or below this may have missed a revocation that is no longer remembered. */
	private forgottenThrough = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** Take before authorising a connection; pass to `register`. */
	mark(): number {
		return this.seq;
	}

	/** Ends every matching connection now and remembers the revocation for pending upgrades. */
	revoke(revocation: Revocation): void {
		if (!isTargeted(revocation)) return;
		this.forget();
		this.revocations.push({ seq: ++this.seq, at: this.now(), revocation });
		for (const connection of [...this.connections]) {
			if (matches(revocation, connection)) this.end(connection, revocation);
		}
	}

	/**
	 * Adds a connection authorised after `mark`. Returns false, having closed it, when its access
	 * ended in the meantime.
	 */
	register(connection: LiveConnection, mark: number): boolean {
		this.forget();
		if (mark < this.forgottenThrough) {
			connection.close(closeCode.goingAway, 'authorisation took too long; reconnect');
			return false;
		}
		const missed = this.revocations.find(
			(entry) => entry.seq > mark && matches(entry.revocation, connection)
		);
		if (missed) {
			connection.close(closeCodeFor(missed.revocation.reason), missed.revocation.reason);
			return false;
		}
		this.connections.add(connection);
		return true;
	}

	unregister(connection: LiveConnection): void {
		this.connections.delete(connection);
	}

	/** Ends one connection whose access a later check found gone. */
	end(connection: LiveConnection, { reason }: Pick<Revocation, 'reason'>): void {
		this.connections.delete(connection);
		connection.close(closeCodeFor(reason), reason);
	}

	list(): LiveConnection[] {
		return [...this.connections];
	}

	private forget() {
		const horizon = this.now() - rememberRevocationsMs;
		while (this.revocations.length > 0 && this.revocations[0].at < horizon) {
			this.forgottenThrough = this.revocations.shift()!.seq;
		}
	}
}
