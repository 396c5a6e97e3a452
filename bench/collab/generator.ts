import { WorkerThread } from '../shared/worker-thread';
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

type GeneratorWorker = WorkerThread<Request, Reply>;

export type ConnectResult = { connected: number; failed: number; ms: number };

/** The load generator: clients spread round-robin over worker threads. */
export class Generator {
	private readonly workers: GeneratorWorker[];

	constructor(workerCount: number) {
		this.workers = Array.from(
			{ length: workerCount },
			() => new WorkerThread<Request, Reply>(new URL('./worker.ts', import.meta.url))
		);
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
