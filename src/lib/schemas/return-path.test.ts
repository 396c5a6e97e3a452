import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
	it.each([
		'/',
		'/cases',
		'/cases/0b7e7c1e-7f0a-4a57-9d7e-2a9f8e8f1a11/plan',
		'/cases?page=2&sort=name',
		'/cases?q=Gezin%20K-17',
		'/admin/accounts#new',
		'/cases/abc/versions?from=%2Fcases'
	])('keeps the path on this site %j', (path) => {
		expect(safeReturnPath(path)).toBe(path);
	});

	it.each([
		['an absolute URL', 'https://evil.example/cases'],
		['a URL with another scheme', 'javascript:alert(1)'],
		['a data URL', 'data:text/html,<script>alert(1)</script>'],
		['a scheme in capitals', 'JAVASCRIPT:alert(1)'],
		['a protocol-relative URL', '//evil.example'],
		['three slashes', '///evil.example'],
		['a backslash after the slash', '/\\evil.example'],
		['a backslash first', '\\\\evil.example'],
		['a backslash inside', '/cases\\..\\..\\evil'],
		['a tab between the slashes', '/\t/evil.example'],
		['a newline between the slashes', '/\n/evil.example'],
		['a carriage return and header', '/cases\r\nSet-Cookie: x=1'],
		['a leading space', ' /cases'],
		['a leading tab', '\t//evil.example'],
		['a non-breaking space inside', '/\u00a0/evil.example'],
		['an ideographic space inside', '/\u3000/evil.example'],
		['a line separator', '/cases\u2028'],
		['a NUL byte', '/cases\u0000'],
		['a relative path', 'cases'],
		['encoded slashes without a leading slash', '%2F%2Fevil.example'],
		['encoded slashes after the slash', '/%2F%2Fevil.example'],
		['an encoded slash after the slash', '/%2Fevil.example'],
		['an encoded backslash', '/%5Cevil.example'],
		['an encoded backslash in lower case', '/%5cevil.example'],
		['double-encoded slashes', '/%252F%252Fevil.example'],
		['an encoded tab', '/%09/evil.example'],
		['encoded CRLF', '/cases%0D%0ALocation:%20https://evil.example'],
		['broken percent-encoding', '/cases%E0%A4%A'],
		['dot segments that climb to two slashes', '/..//evil.example'],
		['an empty string', ''],
		['a very long path', `/${'a'.repeat(3000)}`],
		['a number instead of text', 12],
		['nothing', undefined],
		['a list', ['/cases']]
	])('sends %s to the start page', (_, value) => {
		expect(safeReturnPath(value)).toBe('/');
	});
});
