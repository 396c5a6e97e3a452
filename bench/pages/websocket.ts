import WebSocket from 'ws';

/** A WebSocket class that sends a bearer token, for y-websocket's WebSocketPolyfill option. */
export function authenticatedWebSocket(token: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
		}
	};
}
