import { describe, expect, it } from 'vitest';
import { accessEnded } from '../../protocol/access';
import { closeCode } from '../../protocol/collab';
import { LiveConnections, type LiveConnection } from './live-connections';

function connection(overrides: Partial<LiveConnection> = {}) {
	const closes: { code: number; reason: string }[] = [];
	const live: LiveConnection = {
		userId: 'u1',
		sessionToken: 't1',
		caseId: 'c1',
		role: 'participant',
		close: (code, reason) => closes.push({ code, reason }),
		...overrides
	};
	return { live, closes };
}

describe('LiveConnections', () => {
	it('closes the connections a revocation matches on every given field, and no others', () => {
		const registry = new LiveConnections();
		const member = connection();
		const sameUserOtherCase = connection({ caseId: 'c2' });
		const otherUser = connection({ userId: 'u2', sessionToken: 't2' });
		for (const { live } of [member, sameUserOtherCase, otherUser]) {
			registry.register(live, registry.mark());
		}
		registry.revoke({ userId: 'u1', caseId: 'c1', reason: accessEnded.membershipEnded });
		expect(member.closes).toEqual([
			{ code: closeCode.forbidden, reason: accessEnded.membershipEnded }
		]);
		expect(sameUserOtherCase.closes).toEqual([]);
		expect(otherUser.closes).toEqual([]);
		expect(registry.list()).toHaveLength(2);
	});

	it('keeps the session that asked when ending the others', () => {
		const registry = new LiveConnections();
		const mine = connection({ sessionToken: 'mine' });
		const other = connection({ sessionToken: 'other' });
		registry.register(mine.live, registry.mark());
		registry.register(other.live, registry.mark());
		registry.revoke({
			userId: 'u1',
			exceptSessionToken: 'mine',
			reason: accessEnded.passwordChanged
		});
		expect(mine.closes).toEqual([]);
		expect(other.closes).toEqual([
			{ code: closeCode.unauthenticated, reason: accessEnded.passwordChanged }
		]);
	});

	it('closes a connection authorised before a revocation that came before it registered', () => {
		const registry = new LiveConnections();
		const mark = registry.mark(); // the upgrade starts its database reads
		registry.revoke({ userId: 'u1', caseId: 'c1', reason: accessEnded.roleChanged });
		const late = connection();
		expect(registry.register(late.live, mark)).toBe(false);
		expect(late.closes).toEqual([{ code: closeCode.forbidden, reason: accessEnded.roleChanged }]);
		expect(registry.list()).toEqual([]);
		// Authorised after the revocation: the database already said no or yes, so it stays.
		const fresh = connection();
		expect(registry.register(fresh.live, registry.mark())).toBe(true);
	});

	it('ignores a revocation that names nobody', () => {
		const registry = new LiveConnections();
		const member = connection();
		registry.register(member.live, registry.mark());
		registry.revoke({ reason: accessEnded.caseDeleted });
		expect(member.closes).toEqual([]);
	});

	it('asks a connection to reconnect when its authorisation is older than what is remembered', () => {
		let now = 0;
		const registry = new LiveConnections(() => now);
		const mark = registry.mark();
		registry.revoke({ userId: 'someone else', reason: accessEnded.loggedOut });
		now += 61_000;
		registry.revoke({ userId: 'another', reason: accessEnded.loggedOut });
		const slow = connection();
		expect(registry.register(slow.live, mark)).toBe(false);
		expect(slow.closes[0].code).toBe(closeCode.goingAway);
	});
});
