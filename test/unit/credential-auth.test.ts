/** The credential's authentication: the token goes into every body form the transport hands over, and the header. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { AltcraftApi, withToken } from '../../credentials/AltcraftApi.credentials';

const credential = new AltcraftApi();
const token = 'tok "quoted" \\ ünïcode';

test.each([
	['an object body', { db_id: 1, data: [{ email: 'a@x.io' }] }],
	['an empty object body', {}],
])('%s gets the token as a field, in a copy', async (_title, body) => {
	const before = JSON.stringify(body);
	const options: IHttpRequestOptions = { url: 'https://ac.example.com/api/v1.1/x', body, headers: { 'Request-ID': 'r' } };
	const sent = await credential.authenticate({ token }, options);
	expect(sent.body).toEqual({ ...body, token });
	expect(sent.headers).toEqual({ 'Request-ID': 'r', Authorization: `Bearer ${token}` });
	expect(JSON.stringify(body)).toBe(before);
	expect(options.headers).toEqual({ 'Request-ID': 'r' });
});

test.each([
	['a serialized batch', { db_id: 1, matching: 'email', data: [{ email: 'ä@x.io', n: 1 }, { email: 'b@x.io' }] }],
	['a serialized empty object', {}],
])('%s (Buffer) gets the token spliced in as valid JSON; the original bytes are untouched', (_title, value) => {
	const body = Buffer.from(JSON.stringify(value));
	const copy = Buffer.from(body);
	const sent = withToken(body, token, 'application/json; charset=utf-8') as Buffer;
	expect(Buffer.isBuffer(sent)).toBe(true);
	expect(JSON.parse(sent.toString('utf8'))).toEqual({ token, ...value });
	expect(body.equals(copy)).toBe(true);
});

test('through authenticate, a serialized body sent as JSON gets the token whatever the header name\'s case', async () => {
	const body = Buffer.from('{"db_id":1}');
	const sent = await credential.authenticate({ token }, { url: 'https://ac.example.com/x', body, headers: { 'content-type': 'application/json' } });
	expect(JSON.parse((sent.body as Buffer).toString('utf8'))).toEqual({ token, db_id: 1 });
});

test.each([
	['a file uploaded as it is (not JSON)', Buffer.from('{"looks":"like json"}'), 'application/octet-stream'],
	['a Buffer with no content type', Buffer.from('{"a":1}'), undefined],
	['JSON that is not an object', Buffer.from('[1,2]'), 'application/json'],
])('%s is left untouched: the Bearer header authorises it', (_title, body, contentType) => {
	expect(withToken(body, token, contentType)).toBe(body);
});

test('a request without a body (a download) gets a body holding the token, as the generic form did', () => {
	expect(withToken(undefined, token)).toEqual({ token });
});
