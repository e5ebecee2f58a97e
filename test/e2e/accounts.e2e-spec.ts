import { SignJWT } from 'jose';
import { Role } from '../../src/common/role.enum';
import { DEMO_EMAIL, DEMO_PASSWORD, onlyError, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app';

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

  it('slows down repeated failures for one email from one address with RATE_LIMITED', async () => {
    const q = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    for (let i = 0; i < 3; i++) await t.gql(q, { e: 'thuongvu@anbien.test', p: `wrong-${i}` });
    const blocked = onlyError(await t.gql(q, { e: 'thuongvu@anbien.test', p: 'anbien-demo-2025' }));
    expect(blocked.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILED_SIGN_INS' });
    expect(blocked.extensions?.['retryAfterSeconds']).toBeGreaterThan(0);
    await t.app.dataSource.query(`DELETE FROM login_throttle`);
  });

  describe('throttling that does not lock out the innocent', () => {
    let proxied: TestApp;
    const q = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }';
    const loginFrom = async (address: string, email: string, password: string) => {
      const res = await fetch(`${proxied.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ query: q, variables: { e: email, p: password } }),
      });
      const body = (await res.json()) as {
        data?: { login: { token: string } } | null;
        errors?: Array<{ extensions: Record<string, unknown> }>;
      };
      return body.data?.login.token ? 'OK' : String(body.errors?.[0]?.extensions['code']);
    };
    beforeAll(async () => {
      proxied = await startTestApp({
        seed: true,
        config: {
          trustProxy: 1,
          loginMaxFailures: 3,
          loginLockoutSeconds: 60,
          loginMaxFailuresPerAddress: 8,
          loginAccountSlowdownAfter: 6,
        },
      });
    });
    afterAll(() => proxied.stop());
    beforeEach(() => proxied.app.dataSource.query(`DELETE FROM login_throttle`));

    it('holds one email from one address, not a colleague behind the same address nor the owner elsewhere', async () => {
      for (let i = 0; i < 3; i++)
        expect(await loginFrom('198.51.100.7', DEMO_EMAIL[Role.STANDING_COMMITTEE], `sai-${i}`)).toBe('UNAUTHENTICATED');
      expect(await loginFrom('198.51.100.7', DEMO_EMAIL[Role.STANDING_COMMITTEE], DEMO_PASSWORD)).toBe('RATE_LIMITED');
      expect(await loginFrom('198.51.100.7', DEMO_EMAIL[Role.VIEWER], DEMO_PASSWORD)).toBe('OK');
      expect(await loginFrom('203.0.113.9', DEMO_EMAIL[Role.STANDING_COMMITTEE], DEMO_PASSWORD)).toBe('OK');
    });

    it('holds an address only past its own, higher ceiling of failures across emails', async () => {
      const emails = [DEMO_EMAIL[Role.VIEWER], DEMO_EMAIL[Role.ADMIN], DEMO_EMAIL[Role.INTAKE_STAFF], 'khongco@anbien.test'];
      for (let i = 0; i < 8; i++) expect(await loginFrom('198.51.100.8', emails[i % 4]!, `sai-${i}`)).toBe('UNAUTHENTICATED');
      expect(await loginFrom('198.51.100.8', DEMO_EMAIL[Role.PARTY_BUILDING], DEMO_PASSWORD)).toBe('RATE_LIMITED');
      expect(await loginFrom('198.51.100.9', DEMO_EMAIL[Role.PARTY_BUILDING], DEMO_PASSWORD)).toBe('OK');
    });

    it('only delays, never locks, an account guessed at from many addresses', async () => {
      const email = DEMO_EMAIL[Role.UNIT_HEAD];
      const outcomes: string[] = [];
      for (let i = 0; i < 8; i++) outcomes.push(await loginFrom(`192.0.2.${i + 1}`, email, `sai-${i}`));
      // Six failures from six addresses, then each further attempt waits its turn a few seconds.
      expect(outcomes).toEqual([...Array(6).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
      const [row] = (await proxied.app.dataSource.query(
        `SELECT failures, extract(epoch FROM blocked_until - last_failure_at)::float8 AS wait FROM login_throttle WHERE key = $1`,
        [`email:${email}`],
      )) as Array<{ failures: number; wait: number }>;
      expect(row).toMatchObject({ failures: 6 });
      expect(row!.wait).toBeGreaterThan(0);
      expect(row!.wait).toBeLessThanOrEqual(8);
      // Once the few seconds have passed, the owner signs in from a new address.
      await proxied.app.dataSource.query(`UPDATE login_throttle SET blocked_until = now() WHERE key = $1`, [`email:${email}`]);
      expect(await loginFrom('192.0.2.200', email, DEMO_PASSWORD)).toBe('OK');
      const left = (await proxied.app.dataSource.query(`SELECT key FROM login_throttle WHERE key LIKE 'email:%'`)) as unknown[];
      expect(left).toEqual([]);
    });
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
      [tampered, /TOKEN_MALFORMED/],
      [none, /TOKEN_ALGORITHM_NOT_ALLOWED|TOKEN_MALFORMED/],
      [expired, /TOKEN_EXPIRED|TOKEN_CLAIM_INVALID/],
    ] as const) {
      const res = await t.gql(ME, {}, bad);
      expect(res.status).toBe(401);
      const err = onlyError(res);
      expect(err.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(String(err.extensions?.['reason'])).toMatch(expected);
      expect(err.message).toMatch(/đăng nhập/);
    }
  });

  it('refuses a token signed with the key whose lifetime is longer than any issued, or whose iat is forged', async () => {
    const token = await t.tokenFor(Role.VIEWER);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const sign = (iat: number, exp: number) =>
      new SignJWT({ tv: payload['tv'] })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(payload['sub']))
        .setIssuer('giamsat')
        .setAudience('giamsat-api')
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    const century = await sign(now, now + 100 * 365 * 24 * 3600);
    const oldIat = await sign(now - 2 * 3600, now + 3600);
    const futureIat = await sign(now + 3600, now + 3600 + 60);
    const fine = await sign(now - 60, now + 600);
    for (const [bad, reason] of [
      [century, 'TOKEN_LIFETIME_TOO_LONG'],
      [oldIat, 'TOKEN_EXPIRED'],
      [futureIat, 'TOKEN_CLAIM_INVALID'],
    ] as const) {
      const err = onlyError(await t.gql(ME, {}, bad));
      expect(err.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    }
    expect((await t.gql(ME, {}, fine)).body.data?.me).toBeTruthy();
  });

  it('lets only admins list and create accounts (FORBIDDEN otherwise)', async () => {
    const viewer = await t.tokenFor(Role.VIEWER);
    const denied = onlyError(await t.gql('{ accounts { email } }', {}, viewer));
    expect(denied.extensions?.['code']).toBe('FORBIDDEN');
    expect(denied.extensions?.['reason']).toBe('ROLE_NOT_ALLOWED');
    // People read role names, not codes (issue 23: no code mixed into a sentence).
    expect(denied.message).toBe('Việc này dành cho: Quản trị hệ thống. Tài khoản của bạn có vai trò Xem.');
    const admin = await t.tokenFor(Role.ADMIN);
    const res = await t.gql<{ accounts: unknown[] }>('{ accounts { email } }', {}, admin);
    expect(res.body.data?.accounts).toHaveLength(8); // one per role, and the chair of the Inspection Committee
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
  it('tells the caller which cadre and unit it is linked to, through loaders (no statement per account)', async () => {
    type Me = { me: { cadre: { id: string; fullName: string } | null; unit: { id: string; name: string } | null } };
    const ME_LINKS = '{ me { cadre { id fullName } unit { id name } } }';
    const [head] = (await t.app.dataSource.query(`SELECT unit_id FROM account WHERE email = $1`, [
      DEMO_EMAIL[Role.UNIT_HEAD],
    ])) as Array<{
      unit_id: string;
    }>;
    // The demo accounts are people of the register: the unit head is the People's Committee chair.
    const holder = async (email: string) =>
      (
        (await t.app.dataSource.query(
          `SELECT c.id, c.full_name FROM account a JOIN cadre c ON c.id = a.cadre_id WHERE a.email = $1`,
          [email],
        )) as Array<{ id: string; full_name: string }>
      ).map((c) => ({ id: c.id, fullName: c.full_name }))[0];
    const asHead = await t.gql<Me>(ME_LINKS, {}, await t.tokenFor(Role.UNIT_HEAD));
    expect(asHead.body.data?.me).toEqual({
      cadre: await holder(DEMO_EMAIL[Role.UNIT_HEAD]),
      unit: { id: head!.unit_id, name: expect.any(String) },
    });
    const asViewer = await t.gql<Me>(ME_LINKS, {}, await t.tokenFor(Role.VIEWER));
    // Its unit is the cadre's (the council), as the account has none of its own.
    expect(asViewer.body.data?.me).toEqual({
      cadre: await holder(DEMO_EMAIL[Role.VIEWER]),
      unit: { id: expect.any(String), name: expect.stringMatching(/^Hội đồng nhân dân/) },
    });

    const admin = await t.tokenFor(Role.ADMIN);
    const cadres = (await t.app.dataSource.query(
      `SELECT c.id, c.full_name, c.unit_id FROM cadre c WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.cadre_id = c.id) ORDER BY c.id LIMIT 4`,
    )) as Array<{ id: string; full_name: string; unit_id: string }>;
    expect(cadres).toHaveLength(4);
    const create = 'mutation($i: CreateAccountInput!) { createAccount(input: $i) { id } }';
    const link = async (i: number) => {
      const email = `linked${i}@anbien.test`;
      const input = {
        email,
        displayName: `Linked ${i}`,
        password: 'a-long-password-1',
        role: 'PARTY_BUILDING',
        cadreId: cadres[i]!.id,
      };
      expect((await t.gql(create, { i: input }, admin)).body.errors).toBeUndefined();
      return email;
    };
    const first = await link(0);
    const linked = await t.gql<Me>(ME_LINKS, {}, await t.login(first, 'a-long-password-1'));
    expect(linked.body.errors).toBeUndefined();
    const [unit] = (await t.app.dataSource.query(`SELECT name FROM unit WHERE id = $1`, [cadres[0]!.unit_id])) as Array<{
      name: string;
    }>;
    expect(linked.body.data?.me).toEqual({
      cadre: { id: cadres[0]!.id, fullName: cadres[0]!.full_name },
      unit: { id: cadres[0]!.unit_id, name: unit!.name },
    });

    const ACCOUNTS = '{ accounts { email cadre { id } unit { id } } }';
    const few = await t.gql<{ accounts: unknown[] }>(ACCOUNTS, {}, admin);
    await link(1);
    await link(2);
    await link(3);
    const more = await t.gql<{ accounts: unknown[] }>(ACCOUNTS, {}, admin);
    expect(more.body.errors).toBeUndefined();
    expect(more.body.data!.accounts.length).toBe(few.body.data!.accounts.length + 3);
    // No statement per account: three more linked accounts cost at most one more batch (a unit
    // found directly and one found through the cadre may be loaded in two ticks, hence two batches).
    expect(more.sql).toBeLessThanOrEqual(few.sql + 1);
  });
});
