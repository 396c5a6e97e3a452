import type { Actor, Ctx } from '$lib/server/context';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			/** The capability context for this request: db, actor, clock, address. */
			ctx: Ctx;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
