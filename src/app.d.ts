import type { Actor, Ctx } from '$lib/server/context';
import type { App as MaatwerkApp } from '$lib/server/app';

declare global {
	namespace App {
		interface Locals {
			app: MaatwerkApp;
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
