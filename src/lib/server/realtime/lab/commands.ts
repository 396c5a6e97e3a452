import type { Socket } from 'socket.io';
import { z } from 'zod';
import {
	channelLimits,
	type Ack,
	type CommandDefinition,
	type CommandError
} from '../../../protocol/channel';
import type { CaseRole } from '../../../schemas/enums';
import type { Actor, Ctx } from '../../context';
import { CapabilityError } from '../../errors';
import type { LabEvent } from '../../lab';
import type { Logger } from '../../log';
import { TokenBucket } from '../token-bucket';

/** Who sent a command, as the connection was authorised. */
export type Caller = {
	userId: string;
	actor: Actor;
	caseId: string;
	role: CaseRole;
	socket: Socket;
};

export type CommandOutcome = { answer: object; events: LabEvent[] };

/** A command of the channel: its declaration in $lib/protocol and the capability call behind it. */
export type CommandHandler = {
	definition: CommandDefinition;
	run(ctx: Ctx, input: never, caller: Caller): Promise<CommandOutcome>;
};

export function command<Schema extends z.ZodType>(
	definition: CommandDefinition<Schema>,
	run: (ctx: Ctx, input: z.output<Schema>, caller: Caller) => Promise<CommandOutcome>
): CommandHandler {
	return { definition, run } as CommandHandler;
}

const failure = (code: CommandError['code'], message: string): Ack => ({
	ok: false,
	error: { code, message }
});

function failureOf(error: unknown, log: Logger, name: string): Ack {
	if (error instanceof CapabilityError) return failure(error.code, error.message);
	log.error({ err: error, command: name }, 'lab command failed');
	return failure('internal', 'the command could not be carried out; try again');
}

/**
 * The one place socket events are listened to: each is limited per connection, checked against
 * the roles that may send it, parsed with its schema, run (the capability commits it), its
 * events broadcast, and then acknowledged. An event without an acknowledgement callback is
 * dropped: a command whose outcome nobody hears is not carried out.
 */
export function handleCommands(
	socket: Socket,
	{
		caller,
		createCtx,
		commands,
		broadcast,
		onCommand,
		log
	}: {
		caller: Caller;
		createCtx: () => Ctx;
		commands: CommandHandler[];
		broadcast: (event: LabEvent) => void;
		/** After each command carried out: the person is at work. */
		onCommand: () => void;
		log: Logger;
	}
): void {
	const bucket = new TokenBucket(channelLimits.commandBurst, channelLimits.commandsPerSecond);
	const known = new Set(commands.map((handler) => handler.definition.name));

	socket.onAny((event: unknown, ...args: unknown[]) => {
		const ack = args.at(-1);
		if (typeof event === 'string' && known.has(event)) return;
		if (typeof ack === 'function') ack(failure('invalid', 'unknown command'));
	});

	for (const { definition, run } of commands) {
		socket.on(definition.name, async (...args: unknown[]) => {
			const ack = args.at(-1);
			if (typeof ack !== 'function') return;
			const respond = ack as (answer: Ack) => void;
			if (!bucket.take()) return respond(failure('rate_limited', 'too many commands'));
			if (!definition.roles.includes(caller.role)) {
				return respond(failure('forbidden', 'your role in this case may not do this'));
			}
			const parsed = definition.schema.safeParse(args.length > 1 ? args[0] : undefined);
			if (!parsed.success) return respond(failure('invalid', z.prettifyError(parsed.error)));
			try {
				const outcome = await run(createCtx(), parsed.data as never, caller);
				for (const event of outcome.events) broadcast(event);
				onCommand();
				respond({ ok: true, ...outcome.answer });
			} catch (error) {
				respond(failureOf(error, log, definition.name));
			}
		});
	}
}
