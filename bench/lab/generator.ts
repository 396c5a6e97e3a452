import { WorkerThread } from '../shared/worker-thread';
import type {
	ConnectReply,
	DrainReply,
	Reply,
	Request,
	RunRequest,
	SentReply,
	SessionSpec
} from './protocol';

export type ConnectResult = { joined: number; failed: number; ms: number };

/** The lab load generator: whole sessions spread round-robin over worker threads. */
export class LabGenerator {
	private readonly workers: WorkerThread<Request, Reply>[];

	constructor(workerCount: number) {
		this.workers = Array.from(
			{ length: workerCount },
			() => new WorkerThread<Request, Reply>(new URL('./worker.ts', import.meta.url))
		);
	}

	/** Connects every member of every session and joins them to it. */
	async connect(origin: string, sessions: SessionSpec[]): Promise<ConnectResult> {
		const replies = await Promise.all(
			this.workers.map((worker, w) =>
				worker.request<ConnectReply>(
					{
						type: 'connect',
						origin,
						sessions: sessions.filter((_, i) => i % this.workers.length === w),
						concurrency: 16,
						timeoutMs: 60_000
					},
					'connected'
				)
			)
		);
		return {
			joined: replies.reduce((sum, r) => sum + r.joined, 0),
			failed: replies.reduce((sum, r) => sum + r.failed, 0),
			ms: Math.max(...replies.map((r) => r.ms))
		};
	}

	/** Sends commands until `measureEnd`. */
	async run(request: Omit<RunRequest, 'type'>): Promise<void> {
		await Promise.all(
			this.workers.map((w) => w.request<SentReply>({ type: 'run', ...request }, 'sent'))
		);
	}

	/** Waits until every command is answered and every broadcast arrived (or the timeout). */
	drain(timeoutMs: number): Promise<DrainReply[]> {
		return Promise.all(
			this.workers.map((w) => w.request<DrainReply>({ type: 'drain', timeoutMs }, 'drained'))
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
