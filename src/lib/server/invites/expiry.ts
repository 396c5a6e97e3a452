import { isoToDutchTime } from '../../schemas/dutch-time';
import { inviteLimits } from '../../schemas/invites';
import { endOfDutchDay } from '../audit';
import { CapabilityError } from '../errors';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * When a new link stops working: the end of the chosen day in Dutch time, or by default the end
 * of the session's day (today, for a link to the whole case, or when the session was planned
 * for a day already past). Never in the past, never more than `inviteLimits.maxDays` ahead.
 */
export function inviteExpiry(now: Date, expiresOn: string, sessionScheduledAt?: Date): Date {
	const today = isoToDutchTime(now).date;
	if (!expiresOn) {
		const sessionDay = sessionScheduledAt ? isoToDutchTime(sessionScheduledAt).date : today;
		return endOfDutchDay(sessionDay > today ? sessionDay : today);
	}
	const expiresAt = endOfDutchDay(expiresOn);
	if (Number.isNaN(expiresAt.getTime()) || expiresOn < today) {
		throw new CapabilityError('invalid', 'invite_error_expiry_past', 'expiresOn');
	}
	if (expiresAt.getTime() - now.getTime() > (inviteLimits.maxDays + 1) * dayMs) {
		throw new CapabilityError('invalid', 'invite_error_expiry_far', 'expiresOn');
	}
	return expiresAt;
}
