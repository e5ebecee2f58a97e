import { SignJWT } from 'jose';
import { Role } from '../../src/common/role.enum';
import { DEMO_EMAIL, onlyError, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

const ME = '{ me { email role disabled } }';

describe('accounts, sign-in and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: true, config: { loginMaxFailures: 3, loginLockoutSeconds: 60 } });
  });
  afterAll(() => t.stop());

  it('signs in a demo account and returns it from me', async () => {
    const token = await t.tokenFor(Role.INSPECTION_COMMITTEE);
    const res = await t.gql<{ me: { email: string; role: string } }>(ME, {}, token);
    expect(res.body.data?.me).toEqual({ email: 'kiemtra@anbien.test', role: 'INSPECTION_COMMITTEE', disabled: false });
  });

  it('answers a wrong password and an unknown email with the same UNAUTHENTICATED message', async () => {
    const q = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    const wrongPassword = onlyError(await t.gql(q, { e: 'xem@anbien.test', p: 'not-the-password' }));
    const unknownEmail = onlyError(await t.gql(q, { e: 'nobody@anbien.test', p: 'not-the-password' }));
    expect(wrongPassword.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(unknownEmail.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(wrongPassword.message).toBe(unknownEmail.message);
  });

  it('slows down repeated failures for one email with RATE_LIMITED', async () => {
    const q = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    for (let i = 0; i < 3; i++) await t.gql(q, { e: 'thuongvu@anbien.test', p: `wrong-${i}` });
    const blocked = onlyError(await t.gql(q, { e: 'thuongvu@anbien.test', p: 'anbien-demo-2025' }));
    expect(blocked.extensions?.['code']).toBe('RATE_LIMITED');
    expect(blocked.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    await t.app.dataSource.query(`DELETE FROM login_throttle`);
  });

  it('needs a token for me, and refuses an expired, tampered or alg:none token', async () => {
    expect(onlyError(await t.gql(ME)).extensions?.['code']).toBe('UNAUTHENTICATED');
    const token = await t.tokenFor(Role.VIEWER);
    const [h, p, s] = token.split('.');
    const tampered = `${h}.${p}.${s!.slice(0, -4)}AAAA`;
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const expired = await new SignJWT({ tv: payload['tv'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(payload['sub']))
      .setIssuer('giamsat')
      .setAudience('giamsat-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    for (const [bad, expected] of [
      [tampered, /signature/],
      [none, /HS256|malformed/],
      [expired, /expired/],
    ] as const) {
      const res = await t.gql(ME, {}, bad);
      expect(res.status).toBe(401);
      const err = onlyError(res);
      expect(err.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(err.message).toMatch(expected);
    }
  });

  it('lets only admins list and create accounts (FORBIDDEN otherwise)', async () => {
    const viewer = await t.tokenFor(Role.VIEWER);
    const denied = onlyError(await t.gql('{ accounts { email } }', {}, viewer));
    expect(denied.extensions?.['code']).toBe('FORBIDDEN');
    const admin = await t.tokenFor(Role.ADMIN);
    const res = await t.gql<{ accounts: unknown[] }>('{ accounts { email } }', {}, admin);
    expect(res.body.data?.accounts).toHaveLength(7);
  });

  it('creates an account, rejects a duplicate email with CONFLICT and bad input with field paths', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const create = 'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id email role } }';
    const input = { email: 'New.Staff@AnBien.test', displayName: 'Cán bộ mới', password: 'a-long-password-1', role: 'VIEWER' };
    const ok = await t.gql<{ createAccount: { email: string } }>(create, { i: input }, admin);
    expect(ok.body.data?.createAccount.email).toBe('new.staff@anbien.test');
    expect(onlyError(await t.gql(create, { i: input }, admin)).extensions?.['code']).toBe('CONFLICT');
    const bad = onlyError(await t.gql(create, { i: { ...input, email: 'not-an-email', password: 'short' } }, admin));
    expect(bad.extensions?.['code']).toBe('BAD_USER_INPUT');
    const paths = (bad.extensions?.['fields'] as Array<{ path: string }>).map((f) => f.path).sort();
    expect(paths).toEqual(['input.email', 'input.password']);
  });

  it('stops a disabled account’s tokens at once, and a re-enabled account must sign in again', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const staff = await t.tokenFor(Role.INTAKE_STAFF);
    expect((await t.gql(ME, {}, staff)).body.data).toBeTruthy();
    const acc = await t.gql<{ accounts: Array<{ id: string; email: string; version: number }> }>(
      '{ accounts { id email version } }',
      {},
      admin,
    );
    const target = acc.body.data!.accounts.find((a) => a.email === DEMO_EMAIL[Role.INTAKE_STAFF])!;
    const upd = 'mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { disabled version } }';
    const disabled = await t.gql<{ updateAccount: { version: number } }>(
      upd,
      { i: { id: target.id, version: target.version, disabled: true } },
      admin,
    );
    expect(disabled.body.errors).toBeUndefined();
    const after = onlyError(await t.gql(ME, {}, staff));
    expect(after.extensions?.['code']).toBe('UNAUTHENTICATED');
    // A stale version is a CONFLICT, not a silent overwrite.
    const stale = onlyError(await t.gql(upd, { i: { id: target.id, version: target.version, disabled: false } }, admin));
    expect(stale.extensions?.['code']).toBe('CONFLICT');
    const v = disabled.body.data!.updateAccount.version;
    await t.gql(upd, { i: { id: target.id, version: v, disabled: false } }, admin);
    expect(onlyError(await t.gql(ME, {}, staff)).extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('writes nothing when a mutation fails halfway', async () => {
    const admin = await t.tokenFor(Role.ADMIN);
    const two = `mutation {
      a: createAccount(input: { email: "half@anbien.test", displayName: "A", password: "a-long-password-1", role: VIEWER }) { id }
      b: createAccount(input: { email: "half@anbien.test", displayName: "B", password: "a-long-password-1", role: VIEWER }) { id }
    }`;
    const res = await t.gql(two, {}, admin);
    expect(onlyError(res).extensions?.['code']).toBe('CONFLICT');
    expect(res.body.data).toBeNull();
    const [{ n }] = await t.app.dataSource.query(`SELECT count(*)::int AS n FROM account WHERE email = 'half@anbien.test'`);
    expect(n).toBe(0);
  });
});
