import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeError } from './errors';

export type { Logger };
export { serializeError };

/**
 * JSON logs. Errors are logged through `serializeError`: query text and error codes, never the
 * values a query carried (case titles, compositions, document updates).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
	return pino(
		{
			level,
			base: { service: 'maatwerklab' },
			timestamp: pino.stdTimeFunctions.isoTime,
			serializers: { err: serializeError, error: serializeError },
			redact: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie']
		},
		destination
	);
}
