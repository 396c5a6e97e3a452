import { m } from '$lib/paraglide/messages';

/**
 * The name a version is listed under. The version kept before a restore carries the restored
 * version's label; it is named after that restore so the two are not confused.
 */
export function versionName(version: { label: string; reason: string }): string {
	return version.reason === 'before_restore'
		? m.version_before_restore_name({ label: version.label })
		: version.label;
}
