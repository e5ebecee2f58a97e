import { prepareBaselineAuth } from '../baseline-auth';
import type { HttpRequestSpec } from '../protocol';
import { defineScenario } from '../scenario';

/** The fields asked for; the baseline answers with the same ones, in the same order. */
const FIELDS = ['id', 'email', 'displayName', 'role', 'disabled', 'lastLoginAt', 'createdAt', 'updatedAt', 'version'] as const;
const QUERY = `query Me { me { ${FIELDS.join(' ')} } }`;
const EMAIL = 'kiemtra@anbien.test';

const post = (path: string, token: string): HttpRequestSpec => ({
  method: 'POST',
  path,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: QUERY, operationName: 'Me' }),
});

/**
 * The first scenario: `me` for a logged-in account against a minimal `node:http` handler
 * that checks the same token and runs the same SQL through `pg`.
 */
export const meScenario = defineScenario({
  name: 'me',
  description: `\`me\` as ${EMAIL} vs node:http + jose + pg running the same account lookup`,
  goalRatio: 0.5,
  async setup(env) {
    const token = await env.login(EMAIL);
    const auth = await prepareBaselineAuth(env, token, async () => {
      const res = await env.gql(QUERY, undefined, token);
      if (res.status !== 200 || !res.body.data?.['me']) throw new Error(`me failed: ${JSON.stringify(res.body)}`);
    });
    return { token, auth };
  },
  graphqlRequest: ({ token }) => post('/graphql', token),
  baselineRequest: ({ token }) => post('/me', token),
  baselineHandler:
    ({ auth }) =>
    async (req, db) => {
      const outcome = await auth.authenticate(req, db);
      if ('refused' in outcome) return outcome.refused;
      const me: Record<string, unknown> = {};
      for (const field of FIELDS) me[field] = outcome.account[field];
      return { status: 200, body: { data: { me } } };
    },
  details: ({ auth }) => ({ query: QUERY, baselineSql: auth.accountSql }),
  expect: {
    graphql: { status: 200, bodyIncludes: '"me":{', bodyExcludes: '"errors"' },
    baseline: { status: 200, bodyIncludes: '"me":{', bodyExcludes: '"errors"' },
  },
});
