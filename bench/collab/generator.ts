import { Worker } from 'node:worker_threads';
import type {
	ClientSpec,
	ConnectReply,
	DrainReply,
	Expected,
	Reply,
	Request,
	RunRequest,
	SentReply
} from './protocol';

/**
 * Module hooks registered in the main thread (tsx) do not reach worker threads on Node 20: the
 * worker registers tsx itself, then loads the TypeScript worker module.
 */
const workerBootstrap = `
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
	.then(({ register }) => { register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })
	.catch((error) => { console.error(error); process.exit(1); });
`;

type Pending = {
	type: Reply['type'];
	resolve: (reply: Reply) => void;
	reject: (error: Error) => void;
};

/** One worker thread and its request/reply exchange (one request of a kind at a time). */
class GeneratorWorker {
	private readonly pending: Pending[] = [];
	private readonly worker: Worker;
	private failure: Error | null = null;

	constructor() {
		this.worker = new Worker(workerBootstrap, { eval: true });
		this.worker.on('message', (reply: Reply) => {
			const index = this.pending.findIndex((p) => p.type === reply.type);
			if (index >= 0) this.pending.splice(index, 1)[0].resolve(reply);
		});
		const fail = (error: Error) => {
			this.failure ??= error;
			for (const p of this.pending.splice(0)) p.reject(error);
		};
		this.worker.on('error', fail);
		this.worker.on('exit', (code) => fail(new Error(`generator worker exited with code ${code}`)));
	}

	request<T extends Reply>(message: Request, type: T['type']): Promise<T> {
		if (this.failure) return Promise.reject(this.failure);
		return new Promise((resolve, reject) => {
			this.pending.push({ type, resolve: resolve as (reply: Reply) => void, reject });
			this.worker.postMessage(message);
		});
	}

	terminate() {
		return this.worker.terminate();
	}
}

export type ConnectResult = { connected: number; failed: number; ms: number };

/** The load generator: clients spread round-robin over worker threads. */
export class Generator {
	private readonly workers: GeneratorWorker[];

	constructor(workerCount: number) {
		this.workers = Array.from({ length: workerCount }, () => new GeneratorWorker());
	}

	async connect(
		url: string,
		clients: ClientSpec[],
		options: { concurrency: number; awareness: boolean }
	): Promise<ConnectResult> {
		const shares = this.workers.map((_, w) =>
			clients.filter((_, i) => i % this.workers.length === w)
		);
		const replies = await Promise.all(
			this.workers.map((worker, w) =>
				worker.request<ConnectReply>(
					{
						type: 'connect',
						url,
						clients: shares[w],
						concurrency: options.concurrency,
						timeoutMs: 30_000,
						awareness: options.awareness
					},
					'connected'
				)
			)
		);
		return {
			connected: replies.reduce((sum, r) => sum + r.connected, 0),
			failed: replies.reduce((sum, r) => sum + r.failed, 0),
			ms: Math.max(...replies.map((r) => r.ms))
		};
	}

	/** Edits at `rate` per client until `measureEnd`; resolves with what every client sent. */
	async run(request: Omit<RunRequest, 'type'>): Promise<Expected> {
		const replies = await Promise.all(
			this.workers.map((w) => w.request<SentReply>({ type: 'run', ...request }, 'sent'))
		);
		const expected: Expected = {};
		for (const reply of replies) {
			for (const [key, { doc, seq }] of Object.entries(reply.lastSeq)) {
				(expected[doc] ??= {})[key] = seq;
			}
		}
		return expected;
	}

	/** Waits until every client has every other client's edits (or the timeout), then reports. */
	drain(expected: Expected, timeoutMs: number): Promise<DrainReply[]> {
		return Promise.all(
			this.workers.map((w) =>
				w.request<DrainReply>({ type: 'drain', expected, timeoutMs }, 'drained')
			)
		);
	}

	async close(): Promise<void> {
		const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
		await Promise.race([
			Promise.allSettled(
				this.workers.map((w) => w.request({ type: 'disconnect' }, 'disconnected'))
			),
			timeout
		]);
		await Promise.all(this.workers.map((w) => w.terminate()));
	}
}
