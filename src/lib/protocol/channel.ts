import { z } from 'zod';
import type { CaseRole } from '../schemas/enums';

/**
 * The session channel (socket.io) contract shared by browser, server, tests and benchmarks:
 * commands that need a server decision, each acknowledged after it is committed.
 *
 *   io(`${origin}${channelNamespace}`, { path: channelPath, auth: { caseId } })
 */
export const channelPath = '/socket.io';
export const channelNamespace = '/lab';

/** What a client sends when it connects (socket.io `auth`). Programs add their session token. */
export const channelHandshakeSchema = z.object({
	caseId: z.uuid(),
	token: z.string().min(1).max(200).optional()
});
export type ChannelHandshake = z.infer<typeof channelHandshakeSchema>;

export const commandErrorCodes = [
	'invalid',
	'forbidden',
	'not_found',
	'conflict',
	'rate_limited',
	'internal'
] as const;
export type CommandErrorCode = (typeof commandErrorCodes)[number];
export type CommandError = { code: CommandErrorCode; message: string };

/** Every command is answered with one of these, once what it changed is committed. */
export type Ack<Result extends object = object> =
	({ ok: true } & Result) | { ok: false; error: CommandError };

/**
 * A client command: its event name, the schema of its payload, and the case roles that may send
 * it (the capability decides the rest, e.g. whether you are this session's facilitator).
 */
export type CommandDefinition<Schema extends z.ZodType = z.ZodType> = {
	name: string;
	schema: Schema;
	roles: readonly CaseRole[];
};

export function defineCommand<Schema extends z.ZodType>(
	name: string,
	schema: Schema,
	roles: readonly CaseRole[]
): CommandDefinition<Schema> {
	return { name, schema, roles };
}

/** Server → client when the server ends the connection for good: why, as a close code. */
export const channelClosedEvent = 'channel:closed';
export type ChannelClosed = { code: number; reason: string };

export const channelLimits = {
	/** Largest message a client may send; larger ones end the connection (socket.io's limit). */
	maxPayloadBytes: 16 * 1024,
	/** Commands per connection: a burst of this many, refilled per second. */
	commandBurst: 20,
	commandsPerSecond: 5,
	/**
	 * Connections of one person at once (a tab per case); more are refused with 429, so a
	 * person cannot multiply the per-connection command limit.
	 */
	connectionsPerUser: 10,
	/** How long a dropped connection may come back with its rooms and missed events. */
	recoveryMs: 2 * 60_000
} as const;
