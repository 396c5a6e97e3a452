import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export type ServerKind = 'ours' | 'reference';

export type ProcSample = { cpuMs: number; rssMb: number; peakRssMb: number };

export type RunningServer<Kind extends string = ServerKind> = {
	kind: Kind;
	pid: number;
	port: number;
	/** ws://127.0.0.1:<port>/collab */
	url: string;
	sample(): ProcSample;
	stop(): Promise<void>;
	/** Ends the process with SIGKILL (no shutdown of any kind) and waits for its exit. */
	kill(): Promise<void>;
};

const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time (user + system, all threads) of a process, in ms; null when it is gone. */
export function readCpuMs(pid: number): number | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond; // utime, stime
	} catch {
		return null;
	}
}

/** CPU time (ms) the whole machine spent busy (all cores, everything but idle and iowait). */
export function readMachineBusyMs(): number {
	const [, ...ticks] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
	const [user, nice, system, , , irq, softirq, steal] = ticks.map(Number);
	return ((user + nice + system + irq + softirq + steal) * 1000) / ticksPerSecond;
}

export function readProcSample(pid: number): ProcSample {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1]);
	return { cpuMs: readCpuMs(pid) ?? NaN, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

export async function findFreePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function waitForPort(port: number, child: ChildProcess, logFile: string, timeoutMs = 60_000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		if (child.exitCode !== null) break;
		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1', () => {
				socket.destroy();
				resolve(true);
			});
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
	throw new Error(`server did not start listening on port ${port}\n${log}`);
}

function killChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});
}

function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(kill);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

let profileDir: string | null = null;
let extraFlags: string[] = [];

/** Writes a V8 CPU profile of every server started from now on into `dir`/<kind>/. */
export function profileServersInto(dir: string) {
	profileDir = dir;
}

/** Extra node flags for the servers (diagnostics, e.g. --trace-gc). */
export function setServerFlags(flags: string[]) {
	extraFlags = flags;
}

/** Children still running; killed on an abnormal exit of the benchmark. */
export const children = new Set<ChildProcess>();

/** Starts `node <args>` listening on `port` (a free one if unset) and waits until it accepts. */
export async function startServer<Kind extends string>(
	kind: Kind,
	args: string[],
	env: NodeJS.ProcessEnv,
	logDir: string,
	port?: number
): Promise<RunningServer<Kind>> {
	port ??= await findFreePort();
	const logFile = path.join(logDir, `${kind}-${port}.log`);
	const log = fs.openSync(logFile, 'a');
	// A profile is written on a normal exit only: the reference server has no SIGTERM handler.
	const exitOnTerm = 'data:text/javascript,process.once("SIGTERM",()=>process.exit(0))';
	const profile = profileDir
		? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, kind)}`, '--import', exitOnTerm]
		: [];
	const child = spawn(process.execPath, [...profile, ...extraFlags, ...args], {
		env: { ...env, HOST: '127.0.0.1', PORT: String(port), NODE_OPTIONS: '' },
		stdio: ['ignore', log, log]
	});
	fs.closeSync(log);
	children.add(child);
	child.once('exit', () => children.delete(child));
	await waitForPort(port, child, logFile);
	return {
		kind,
		pid: child.pid!,
		port,
		url: `ws://127.0.0.1:${port}/collab`,
		sample: () => readProcSample(child.pid!),
		stop: () => stopChild(child),
		kill: () => killChild(child)
	};
}

/**
 * This project's production build, with persistence (PGlite in DATA_DIR or PostgreSQL); on
 * `port` to restart a server where its clients expect it.
 */
export function startOurServer(
	entry: string,
	database: NodeJS.ProcessEnv,
	logDir: string,
	port?: number
) {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...database,
		LOG_LEVEL: 'warn',
		NODE_ENV: 'production'
	};
	if (!database.DATABASE_URL) delete env.DATABASE_URL;
	return startServer('ours', [entry], env, logDir, port);
}

/** The reference y-websocket server (@y/websocket-server 0.1.1), documents in memory only. */
export function startReferenceServer(logDir: string) {
	const env = { ...process.env };
	delete env.YPERSISTENCE;
	return startServer(
		'reference',
		[path.resolve('node_modules/@y/websocket-server/src/server.js')],
		env,
		logDir
	);
}
