import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/**
 * The production build (build/main/index.js) in a child process, for tests that need the real
 * thing: restarts on the same port and data, SIGKILL. Tests talk to it over loopback only.
 */

const root = path.resolve(import.meta.dirname, '../..');
const serverEntry = path.join(root, 'build/main/index.js');
const demoEntry = path.join(root, 'build/main/demo.js');
const keptOutputChars = 10_000;

/** Where the app keeps its data: an embedded PGlite directory or a PostgreSQL database. */
export type AppStorage = { dataDir: string } | { databaseUrl: string };

export type AppProcess = {
	/** http://<hostname>:<port> */
	url: string;
	port: number;
	/** Sends `signal` (SIGKILL by default) and waits until the process is gone. */
	kill(signal?: NodeJS.Signals): Promise<ProcessExit>;
	/** SIGTERM, then SIGKILL when the app has not exited cleanly within 10 s. */
	stop(): Promise<ProcessExit>;
	/** The last 10,000 characters the process wrote to stdout and stderr. */
	output(): string;
};

export type ProcessExit = { code: number | null; signal: NodeJS.Signals | null };

// Processes still running when the test process exits (a failed or aborted file) are killed then.
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Builds the app when build/main/index.js is missing or older than its sources (~20 s). */
export async function buildAppIfStale(): Promise<void> {
	const { isBuildStale } = (await import(path.join(root, 'scripts/build-if-stale.js'))) as {
		isBuildStale(): boolean;
	};
	if (!isBuildStale()) return;
	const exit = await run(
		spawn('npm', ['run', 'build', '--silent'], { cwd: root, env: appEnv({}) })
	);
	if (exit.result.code !== 0) throw new Error(`npm run build failed:\n${exit.output}`);
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Runs `node build/main/demo.js`: the fictional demo deployment, with fixed ids. */
export async function loadDemo(storage: AppStorage): Promise<void> {
	const child = spawn(process.execPath, [demoEntry], { cwd: root, env: appEnv(storage) });
	const exit = await run(child);
	if (exit.result.code !== 0) throw new Error(`loading the demo failed:\n${exit.output}`);
}

export type StartOptions = {
	/**
	 * The host name in the app's URL and ORIGIN (it listens on 127.0.0.1 either way). Browsers
	 * need `localhost`: the session cookie is Secure everywhere else.
	 */
	hostname?: 'localhost' | '127.0.0.1';
	healthTimeoutMs?: number;
	/** The public origin the app is told it has (ORIGIN); by default its own http:// URL. */
	origin?: string;
};

const stopTimeoutMs = 10_000;

/** Starts build/main/index.js on `port` and resolves once /healthz answers 200. */
export async function startAppProcess(
	storage: AppStorage,
	port: number,
	{ hostname = '127.0.0.1', healthTimeoutMs = 30_000, origin }: StartOptions = {}
): Promise<AppProcess> {
	const url = `http://${hostname}:${port}`;
	const child = spawn(process.execPath, [serverEntry], {
		cwd: root,
		env: appEnv(storage, { PORT: String(port), HOST: '127.0.0.1', ORIGIN: origin ?? url })
	});
	const exit = run(child);
	let exited = false;
	void exit.then(() => (exited = true));
	const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
		if (!exited) child.kill(signal);
		return (await exit).result;
	};
	const stop = async () => {
		const killLater = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
		try {
			return await kill('SIGTERM');
		} finally {
			clearTimeout(killLater);
		}
	};
	const app: AppProcess = { url, port, kill, stop, output: () => outputOf(child) };

	const deadline = Date.now() + healthTimeoutMs;
	while (Date.now() < deadline && !exited) {
		try {
			const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (response.status === 200) return app;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	await app.kill();
	throw new Error(`the app at ${url} did not become healthy:\n${outputOf(child)}`);
}

/** A session token for `Authorization: Bearer` (POST /api/session). */
export async function requestToken(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (response.status !== 200) {
		throw new Error(`POST /api/session for ${email}: ${response.status} ${await response.text()}`);
	}
	return ((await response.json()) as { token: string }).token;
}

/** The test's environment without vitest's variables, with the storage and quiet logs. */
function appEnv(storage: AppStorage | Record<string, never>, extra: Record<string, string> = {}) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'TEST')
	);
	return {
		...inherited,
		NODE_ENV: 'production',
		LOG_LEVEL: 'warn',
		// Blank means unset, so the caller's own database is never used by accident.
		DATA_DIR: 'dataDir' in storage ? storage.dataDir : '',
		DATABASE_URL: 'databaseUrl' in storage ? storage.databaseUrl : '',
		...extra
	};
}

const outputs = new WeakMap<ChildProcess, { text: string }>();
const outputOf = (child: ChildProcess) => outputs.get(child)?.text ?? '';

/** Collects a child's output and resolves when it has exited and its output is read. */
function run(child: ChildProcess): Promise<{ result: ProcessExit; output: string }> {
	running.add(child);
	const output = { text: '' };
	outputs.set(child, output);
	for (const stream of [child.stdout, child.stderr]) {
		stream?.setEncoding('utf8');
		stream?.on('data', (chunk: string) => {
			output.text = (output.text + chunk).slice(-keptOutputChars);
		});
	}
	return new Promise((resolve) => {
		child.once('error', (error) => {
			running.delete(child);
			resolve({ result: { code: null, signal: null }, output: `${output.text}\n${error.message}` });
		});
		child.once('close', (code, signal) => {
			running.delete(child);
			resolve({ result: { code, signal }, output: output.text });
		});
	});
}
