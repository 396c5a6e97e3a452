import { createApp, type App } from './app';
import { readConfig } from './config';

/**
 * The process's one App. SvelteKit's server bundle and the realtime server are loaded as
 * separate module graphs (by Vite in dev, by the production entry point), so the instance
 * lives on globalThis under a registered symbol rather than in module scope.
 */
const key = Symbol.for('maatwerklab.app');
type Holder = { [key]?: Promise<App> };

export function getApp(): Promise<App> {
	const holder = globalThis as Holder;
	return (holder[key] ??= createApp(readConfig()));
}
