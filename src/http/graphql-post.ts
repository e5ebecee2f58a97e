import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { readShortBody } from './json-body';

/** `POST /graphql` as nearly every client sends it (the path exactly, any query string). */
export function isGraphqlPost(req: IncomingMessage): boolean {
  const url = req.url ?? '';
  return req.method === 'POST' && (url === '/graphql' || url.startsWith('/graphql?'));
}

/** Writes Apollo's answer as its Express integration does, without Express. */
async function sendGraphqlResponse(res: ServerResponse, answer: HTTPGraphQLResponse): Promise<void> {
  for (const [key, value] of answer.headers) res.setHeader(key, value);
  res.statusCode = answer.status ?? 200;
  if (answer.body.kind === 'complete') {
    res.setHeader('content-length', Buffer.byteLength(answer.body.string));
    res.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * `POST /graphql` with a short-path body (`shortBodyLength`), straight from node:http to Apollo's
 * `executeHTTPGraphQLRequest`, the entry point Apollo offers integrations. Express's router,
 * its request and response prototypes and `res.send` cost a small query more CPU than Apollo and
 * graphql-js together (about 0.2 ms of 0.6 ms for `me`); every other request, and a body this
 * path does not read, still goes through Express. The caller runs it in the request's scope
 * (request id, SQL count); `fail` answers a body that is not JSON, or an unexpected error.
 */
export function graphqlPostHandler<C extends BaseContext>(opts: {
  apollo: ApolloServer<C>;
  context: (req: IncomingMessage) => Promise<C>;
  fail: (err: unknown, req: IncomingMessage, res: ServerResponse) => void;
}): (req: IncomingMessage, res: ServerResponse, length: number) => void {
  const { apollo, context, fail } = opts;
  const run = async (req: IncomingMessage, res: ServerResponse, length: number) => {
    const body = await readShortBody(req, length);
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: query < 0 ? '' : url.slice(query), body },
      context: () => context(req),
    });
    await sendGraphqlResponse(res, answer);
  };
  return (req, res, length) => {
    run(req, res, length).catch((err: unknown) => fail(err, req, res));
  };
}
