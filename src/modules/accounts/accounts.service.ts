import { badInput, conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { Account } from './account.entity';
import { AccountErrors } from './accounts.errors';
import type { CreateAccountInput, UpdateAccountInput } from './accounts.inputs';
import type { PasswordHasher } from './password-hasher';
import { Role } from '../../common/role.enum';
import { recordEvent, ringAfterCommit } from '../../events/event-writer';
import { BoardEventType } from '../board/board-event.types';
import { assertVersion } from '../../db/optimistic-lock';

const notEligible = (path = 'input.isInspectionChair') =>
  badInput(
    'Chỉ tài khoản Ủy ban Kiểm tra đang hoạt động mới được chỉ định làm Chủ nhiệm Ủy ban Kiểm tra.',
    [{ path, message: 'không phải tài khoản Ủy ban Kiểm tra đang hoạt động', code: 'CHAIR_NOT_ELIGIBLE' }],
    'CHAIR_NOT_ELIGIBLE',
  );

/** Staff accounts: created, re-roled and disabled by admins. */
export class AccountsService {
  constructor(private readonly hasher: PasswordHasher) {}

  /** All accounts, by email. */
  list(ctx: RequestContext): Promise<Account[]> {
    return ctx.manager.find(Account, { order: { email: 'ASC' } });
  }

  /** One account or NOT_FOUND. */
  async findById(ctx: RequestContext, id: string): Promise<Account> {
    const account = await ctx.loaders.accountById.load(id);
    if (!account) throw notFound('Account', id);
    return account;
  }

  /** Creates an account; the email must be new. */
  async create(ctx: RequestContext, input: CreateAccountInput): Promise<Account> {
    const email = input.email.trim().toLowerCase();
    if (input.role === Role.UNIT_HEAD && !input.unitId) {
      throw badInput(
        'Tài khoản trưởng đơn vị (UNIT_HEAD) phải gắn với đơn vị mình phụ trách',
        [{ path: 'input.unitId', message: 'bắt buộc với UNIT_HEAD', code: 'UNIT_REQUIRED' }],
        'UNIT_REQUIRED',
      );
    }
    if (input.unitId) await this.requireUnit(ctx, input.unitId);
    if (input.cadreId) await this.requireCadre(ctx, input.cadreId);
    const exists = await ctx.manager.exists(Account, { where: { email } });
    if (exists) throw AccountErrors.emailTaken(email);
    const account = ctx.manager.create(Account, {
      email,
      displayName: input.displayName.trim(),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      unitId: input.unitId ?? null,
      cadreId: input.cadreId ?? null,
      disabled: false,
      tokenVersion: 0,
    });
    return ctx.manager.save(account);
  }

  /** A unit an account is attached to must exist (account.unit_id references unit). */
  private async requireCadre(ctx: RequestContext, cadreId: string): Promise<void> {
    if (!(await ctx.loaders.cadreById.load(cadreId))) {
      throw badInput(
        `input.cadreId: không có cán bộ nào có mã ${cadreId}`,
        [{ path: 'input.cadreId', message: 'không có cán bộ này', code: 'UNKNOWN_CADRE' }],
        'UNKNOWN_CADRE',
      );
    }
  }

  private async requireUnit(ctx: RequestContext, unitId: string): Promise<void> {
    if (!(await ctx.loaders.unitById.load(unitId))) {
      throw badInput(
        `input.unitId: không có cơ quan, đơn vị nào có mã ${unitId}`,
        [{ path: 'input.unitId', message: 'không có đơn vị này', code: 'UNKNOWN_UNIT' }],
        'UNKNOWN_UNIT',
      );
    }
  }

  /**
   * The chair designation follows the account: an account that leaves the Inspection Committee or
   * is disabled is no longer the custodian; a new chair only once the holder released it (or
   * through {@link moveChair}). Every change is announced ({@link announceChair}).
   */
  private async designateChair(ctx: RequestContext, account: Account, wanted: boolean | undefined): Promise<void> {
    const eligible = account.role === Role.INSPECTION_COMMITTEE && !account.disabled;
    if (wanted === true && !eligible) throw notEligible();
    if (wanted === true && !account.isInspectionChair) {
      const holder = await ctx.manager.findOne(Account, { where: { isInspectionChair: true } });
      if (holder && holder.id !== account.id) {
        throw conflict(
          `${holder.displayName} đang là Chủ nhiệm Ủy ban Kiểm tra; bỏ chỉ định tài khoản đó trước khi chỉ định người khác, hoặc dùng moveInspectionChair.`,
          { reason: 'CHAIR_TAKEN', holderId: holder.id },
        );
      }
    }
    const was = account.isInspectionChair;
    account.isInspectionChair = eligible && (wanted ?? account.isInspectionChair);
    if (was !== account.isInspectionChair) {
      await this.announceChair(ctx, was ? account.id : null, account.isInspectionChair ? account.id : null);
    }
  }

  /**
   * Tells the previous and the new chair, and the Standing Committee, of a change of chair: a
   * board event for the two committees naming both accounts, written in the changing transaction.
   * Nothing else needs ending: the custodian's standing (reading a granted report's evidence as
   * uploaded) is read from the designation at every request, so it leaves the previous chair with
   * this commit, and the handlers' grants stay theirs.
   */
  private async announceChair(ctx: RequestContext, previousChairId: string | null, chairId: string | null): Promise<void> {
    const [{ n: liveGrants }] = (await ctx.manager.query(
      `SELECT count(*)::int AS n FROM identity_access_request WHERE status = 'GRANTED'`,
    )) as [{ n: number }];
    await recordEvent(ctx, BoardEventType.INSPECTION_CHAIR_CHANGED, {
      previousChairAccountId: previousChairId,
      chairAccountId: chairId,
      byAccountId: ctx.account?.id ?? null,
      liveGrants,
    });
  }

  /**
   * Moves the chair designation to another active Inspection Committee account in one step: the
   * holder (if any) is released and the new chair designated in one transaction, with one
   * announcement naming both. Designating the current chair again is BAD_USER_INPUT.
   */
  async moveChair(ctx: RequestContext, toAccountId: string, version: number): Promise<Account> {
    const next = await ctx.manager.findOne(Account, { where: { id: toAccountId }, lock: { mode: 'pessimistic_write' } });
    if (!next) throw notFound('Account', toAccountId);
    assertVersion('Account', next, version);
    if (next.role !== Role.INSPECTION_COMMITTEE || next.disabled) throw notEligible('toAccountId');
    if (next.isInspectionChair) {
      throw badInput(
        `${next.displayName} đã là Chủ nhiệm Ủy ban Kiểm tra.`,
        [{ path: 'toAccountId', message: 'already the chair' }],
        'ALREADY_CHAIR',
      );
    }
    const holder = await ctx.manager.findOne(Account, {
      where: { isInspectionChair: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (holder) {
      // Released first: one chair at a time (account_inspection_chair_key).
      holder.isInspectionChair = false;
      await ctx.manager.save(holder);
    }
    next.isInspectionChair = true;
    const saved = await ctx.manager.save(next);
    await this.announceChair(ctx, holder?.id ?? null, next.id);
    return saved;
  }

  /**
   * Changes role, unit, display name or the disabled flag. A change of role, unit or disabled
   * state bumps the token version, so the account's existing tokens stop working at once.
   */
  async update(ctx: RequestContext, input: UpdateAccountInput): Promise<Account> {
    const account = await ctx.manager.findOne(Account, { where: { id: input.id }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw notFound('Account', input.id);
    assertVersion('Account', account, input.version);
    const role = input.role ?? account.role;
    const unitId = input.unitId !== undefined ? input.unitId : account.unitId;
    if (role === Role.UNIT_HEAD && !unitId) {
      throw badInput(
        'Tài khoản trưởng đơn vị (UNIT_HEAD) phải gắn với đơn vị mình phụ trách',
        [{ path: 'input.unitId', message: 'bắt buộc với UNIT_HEAD', code: 'UNIT_REQUIRED' }],
        'UNIT_REQUIRED',
      );
    }
    if (input.unitId !== undefined && input.unitId !== account.unitId) await this.requireUnit(ctx, input.unitId);
    const cadreChanged = input.cadreId !== undefined && input.cadreId !== account.cadreId;
    if (input.cadreId !== undefined && cadreChanged) {
      await this.requireCadre(ctx, input.cadreId);
      account.cadreId = input.cadreId;
    }
    if (ctx.account?.id === account.id && (input.disabled === true || (input.role && input.role !== Role.ADMIN))) {
      throw badInput(
        'Không thể tự khóa hay tự hạ vai trò tài khoản của chính mình; hãy nhờ một quản trị viên khác',
        [
          {
            path: input.disabled ? 'input.disabled' : 'input.role',
            message: 'không được làm với tài khoản của chính mình',
            code: 'OWN_ACCOUNT',
          },
        ],
        'OWN_ACCOUNT',
      );
    }
    const revokes =
      role !== account.role || unitId !== account.unitId || (input.disabled !== undefined && input.disabled !== account.disabled);
    account.role = role;
    account.unitId = role === Role.UNIT_HEAD ? unitId : null;
    if (input.disabled !== undefined) account.disabled = input.disabled;
    if (input.displayName !== undefined) account.displayName = input.displayName.trim();
    await this.designateChair(ctx, account, input.isInspectionChair);
    if (revokes) account.tokenVersion += 1;
    // The account table's trigger writes the change to the outbox (its open sockets stop
    // receiving before any later event); with the Redis doorbell nothing rings for it otherwise.
    if (revokes || cadreChanged) ringAfterCommit(ctx);
    return ctx.manager.save(account);
  }
}
