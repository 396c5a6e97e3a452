import path from 'node:path';
import { z } from 'zod';
import type { SessionLimits } from './context';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// A shared PC in a municipal office: a forgotten session ends after half an hour unused, and
// any session after a working day.
const defaultIdleMinutes = 30;
const defaultMaxHours = 10;

export const defaultSessionLimits: SessionLimits = {
	idleMs: defaultIdleMinutes * 60_000,
	maxMs: defaultMaxHours * 3_600_000
};

const envSchema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	HOST: z.string().min(1).default('0.0.0.0'),
	ORIGIN: z.url().optional(),
	LOG_LEVEL: z.enum(logLevels).default('info'),
	SESSION_IDLE_MINUTES: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 60)
		.default(defaultIdleMinutes),
	SETUP_TOKEN: z.string().min(16, 'SETUP_TOKEN must have at least 16 characters').optional(),
	SESSION_MAX_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(30 * 24)
		.default(defaultMaxHours)
});

export type Config = {
	databaseUrl: string | undefined;
	dataDir: string;
	port: number;
	host: string;
	origin: string | undefined;
	logLevel: (typeof logLevels)[number];
	sessionLimits: SessionLimits;
	/** When set, the first-run setup page asks for it. */
	setupToken: string | undefined;
};

/** Reads and validates the environment once; throws with every problem listed. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const blankAsUnset = Object.fromEntries(
		Object.entries(env).filter(([, value]) => value !== undefined && value !== '')
	);
	const parsed = envSchema.safeParse(blankAsUnset);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
	}
	const e = parsed.data;
	return {
		databaseUrl: e.DATABASE_URL,
		dataDir: path.resolve(e.DATA_DIR),
		port: e.PORT,
		host: e.HOST,
		origin: e.ORIGIN,
		logLevel: e.LOG_LEVEL,
		sessionLimits: {
			idleMs: e.SESSION_IDLE_MINUTES * 60_000,
			maxMs: e.SESSION_MAX_HOURS * 3_600_000
		},
		setupToken: e.SETUP_TOKEN
	};
}
