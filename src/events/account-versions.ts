/**
 * What a live operation was authorised as: the account's state version when it was read, and
 * when the token it came with expires. Delivery tests it before every frame.
 */
export interface LiveSession {
  readonly accountId: string;
  /** `account.version` as read when the operation was authorised. */
  readonly version: number;
  /** The token's `exp`, in epoch milliseconds. */
  readonly expiresAt: number;
}

export type AccountChangeListener = (accountId: string, version: number) => void;

/**
 * The newest state version of every account whose role, unit, cadre, disabled flag or token
 * version changed since the process started, as the event feed read it from the outbox (the
 * `account` table's trigger writes an ACCOUNT_CHANGED row in the changing transaction, so the
 * change takes its place in feed order, before every event committed after it). In memory, and
 * refreshed by the same doorbell as the events: asking whether a session is still good is a map
 * lookup and two number compares, never a query.
 */
export class AccountVersions {
  private readonly latest = new Map<string, number>();
  private readonly listeners = new Set<AccountChangeListener>();

  /** Records a change read from the feed (again or out of order: the highest version wins). */
  note(accountId: string, version: number): void {
    const known = this.latest.get(accountId);
    if (known !== undefined && known >= version) return;
    this.latest.set(accountId, version);
    for (const listener of this.listeners) listener(accountId, version);
  }

  /** Whether the account has changed since it was read at `version`. */
  stale(accountId: string, version: number): boolean {
    const latest = this.latest.get(accountId);
    return latest !== undefined && latest > version;
  }

  /** Why `session` may no longer receive anything (its token expired, its account changed), or undefined. */
  refusal(session: LiveSession, now: number): 'token expired' | 'account changed' | undefined {
    if (now >= session.expiresAt) return 'token expired';
    return this.stale(session.accountId, session.version) ? 'account changed' : undefined;
  }

  /** Called for every change that raises an account's version (the WebSocket guard closes its sockets). */
  onChange(listener: AccountChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
