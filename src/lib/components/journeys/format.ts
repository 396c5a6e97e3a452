import { m } from '$lib/paraglide/messages';

/** A duration as hours and minutes: "1 u 35 min" / "1 h 35 min", or minutes alone. */
export function formatDuration(ms: number): string {
	const minutes = Math.round(ms / 60_000);
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	return hours > 0
		? m.journey_duration_hours({ hours, minutes: rest })
		: m.journey_duration_minutes({ minutes });
}

/** The organisations of a session's participants, each once, in the order they came. */
export function organisationsOf(participants: { organisation: string | null }[]): string[] {
	return [...new Set(participants.map((p) => p.organisation).filter((o): o is string => !!o))];
}

export function countKinds(observations: { kind: 'kans' | 'belemmering' }[]) {
	return {
		kansen: observations.filter((o) => o.kind === 'kans').length,
		belemmeringen: observations.filter((o) => o.kind === 'belemmering').length
	};
}
