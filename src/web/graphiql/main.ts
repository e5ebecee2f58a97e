// GraphiQL, bundled: the editor's workers, styles and fonts come from this server, so frontend
// teams can explore the schema (with its descriptions) on a closed network.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL } from 'graphiql';
import { type DocumentNode, getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { type ComponentProps, createElement } from 'react';
import { createRoot } from 'react-dom/client';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];
type FetcherResult = Awaited<ReturnType<Fetcher>>;

const httpUrl = new URL('/graphql', location.href).toString();
const wsUrl = httpUrl.replace(/^http/, 'ws');

const DEFAULT_QUERY = `# Giám sát, the GraphQL API of the An Biên ward.
# Sign in, then put the token in the Headers tab:
#   { "Authorization": "Bearer <token>" }
# (sent over HTTP, and in connection_init for subscriptions)

mutation SignIn {
  login(email: "kiemtra@anbien.test", password: "anbien-demo-2025") {
    token
    expiresAt
    account { email role }
  }
}
`;

/** The token from the Headers tab (Authorization: Bearer …), for the WebSocket's connection_init. */
function tokenFrom(headers: Record<string, unknown> | undefined): string | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'authorization' && typeof value === 'string') return value.replace(/^bearer\s+/i, '');
  }
  return undefined;
}

function isSubscription(query: string, operationName: string | null | undefined, document: DocumentNode | undefined): boolean {
  try {
    return getOperationAST(document ?? parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false; // let the server explain the syntax error
  }
}

const fetcher: Fetcher = async (params, opts) => {
  if (isSubscription(params.query, params.operationName, opts?.documentAST)) {
    const token = tokenFrom(opts?.headers);
    const client = createClient({ url: wsUrl, connectionParams: token ? { token } : {}, lazy: true, retryAttempts: 0 });
    const iterator = client.iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables,
    });
    return (async function* () {
      try {
        yield* iterator;
      } finally {
        await client.dispose();
      }
    })() as FetcherResult;
  }
  const res = await fetch(httpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...opts?.headers,
    },
    body: JSON.stringify(params),
  });
  return (await res.json()) as FetcherResult;
};

const root = document.getElementById('graphiql');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, { fetcher, defaultQuery: DEFAULT_QUERY, defaultEditorToolsVisibility: 'headers' }),
  );
}
