import { Worker } from 'node:worker_threads';

/**
 * Module hooks registered in the main thread (tsx) do not reach worker threads on Node 20: the
 * worker registers tsx itself, then loads the TypeScript worker module.
 */
const bootstrap = (module: URL) => `
import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
	.then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })
	.catch((error) => { console.error(error); process.exit(1); });
`;

type Pending<Reply> = {
	type: string;
	resolve: (reply: Reply) => void;
	reject: (error: Error) => void;
};

/**
 * A generator worker thread running a TypeScript module, and its request/reply exchange: each
 * reply has a `type`, and resolves the oldest request waiting for that type.
 */
export class WorkerThread<Request, Reply extends { type: string }> {
	private readonly pending: Pending<Reply>[] = [];
	private readonly worker: Worker;
	private failure: Error | null = null;

	constructor(module: URL) {
		this.worker = new Worker(bootstrap(module), { eval: true });
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
