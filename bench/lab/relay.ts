/**
 * The reference for bench:lab: a minimal in-memory socket.io relay with the session channel's
 * path, namespace, event names and acknowledgement shape, and nothing else: no authentication,
 * no validation, no database. Each command is broadcast to the session's room (a proposal only
 * to its sender and the facilitator, as ours does) and then acknowledged.
 *
 *   PORT=3001 node --import tsx bench/lab/relay.ts
 */
import http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { channelLimits, channelNamespace, channelPath } from '../../src/lib/protocol/channel';
import { labChannelCommands } from '../../src/lib/protocol/lab-channel';

type Payload = { sessionId: string; [field: string]: unknown };
type Respond = (answer: object) => void;

const room = (sessionId: string) => `session:${sessionId}`;
const facilitators = (sessionId: string) => `session:${sessionId}:facilitators`;

/** The event each command's broadcast goes out as, and what it carries. */
function broadcastOf(name: string, payload: Payload, revision: number) {
	const { sessionId, idempotencyKey: _, ...fields } = payload;
	if (name === 'lab:observation:record') {
		return { event: 'lab:observation', body: { sessionId, revision, observation: fields } };
	}
	if (name === 'lab:observation:propose') {
		return { event: 'lab:proposal', body: { sessionId, revision, proposal: fields } };
	}
	return { event: 'lab:session', body: { sessionId, revision, ...fields } };
}

const httpServer = http.createServer();
const io = new Server(httpServer, {
	path: channelPath,
	serveClient: false,
	maxHttpBufferSize: channelLimits.maxPayloadBytes
});
const revisions = new Map<string, number>();

io.of(channelNamespace).on('connection', (socket: Socket) => {
	const { role } = socket.handshake.auth as { role?: string };
	socket.on('lab:join', async ({ sessionId }: Payload, respond: Respond) => {
		await socket.join(
			role === 'facilitator' ? [room(sessionId), facilitators(sessionId)] : room(sessionId)
		);
		respond({ ok: true, state: {} });
	});
	for (const name of Object.keys(labChannelCommands)) {
		socket.on(name, (payload: Payload, respond: Respond) => {
			const revision = (revisions.get(payload.sessionId) ?? 0) + 1;
			revisions.set(payload.sessionId, revision);
			const { event, body } = broadcastOf(name, payload, revision);
			const audience =
				event === 'lab:proposal'
					? [facilitators(payload.sessionId), socket.id]
					: room(payload.sessionId);
			io.of(channelNamespace).to(audience).emit(event, body);
			respond({ ok: true, result: {}, replayed: false });
		});
	}
});

httpServer.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => {
	io.close();
	process.exit(0);
});
