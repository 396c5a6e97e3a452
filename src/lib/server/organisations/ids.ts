const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id from a URL must read as "not found", not as a database error. */
export function isUuid(value: string): boolean {
	return uuidPattern.test(value);
}
