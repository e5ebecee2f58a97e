import { randomUUID } from 'node:crypto';
import { AppError } from '../../common/errors';
import { type BulkColumn, bulkInsert } from '../../db/bulk-insert';
import { addYears, todayInVietnam } from '../../common/validation';
import type { RequestContext } from '../../graphql/context';
import { assertVersion } from '../../db/optimistic-lock';
import { Role } from '../../common/role.enum';
import type { Post } from '../units/post.entity';
import { isWithin, visibleSubtree } from '../units/unit-scope';
import type { Unit } from '../units/unit.entity';
import { CadreHistory, type ChangeSet } from './cadre-history.entity';
import { CadreChangeKind, CURRENT_STATUSES, EmploymentStatus, HISTORY_KIND_OF_MOVE } from './cadre.enums';
import { Cadre } from './cadre.entity';
import { CadreErrors } from './cadres.errors';
import type { CreateCadreInput, EndCadreEmploymentInput, MoveCadreInput, UpdateCadreInput } from './cadres.inputs';
import { type CadreFieldChange, type CadreHistoryEntry } from './cadres.types';

/** Fields VIEWER may not see, in the cadre and in its history. */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set(['dateOfBirth', 'phone', 'email']);

/** Whether the caller may see dates of birth and contact data. */
export function seesProtectedData(ctx: RequestContext): boolean {
  return !!ctx.account && ctx.account.role !== Role.VIEWER;
}

/** A name as stored: NFC (one code point per accented letter), trimmed, single spaces. */
export function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

/** Fields `updateCadre` may change, in the order history lists them. */
const UPDATABLE = [
  'fullName',
  'gender',
  'dateOfBirth',
  'civilServiceCategory',
  'qualification',
  'politicalTheory',
  'partyMember',
  'partyJoinedOn',
  'inPlanningPool',
  'planningPostId',
  'phone',
  'email',
  'status',
] as const satisfies ReadonlyArray<keyof Cadre>;

/** What createMany writes of each cadre (the columns of its INSERT). */
type BulkCreated =
  | 'fullName'
  | 'gender'
  | 'dateOfBirth'
  | 'unitId'
  | 'postId'
  | 'civilServiceCategory'
  | 'qualification'
  | 'politicalTheory'
  | 'partyMember'
  | 'partyJoinedOn'
  | 'status'
  | 'employmentEndedOn'
  | 'inPlanningPool'
  | 'planningPostId'
  | 'phone'
  | 'email';

/** The cadre register: lists, changes and their history. */
export class CadresService {
  /** One cadre, or NOT_FOUND (also outside a UNIT_HEAD's subtree). */
  async findById(ctx: RequestContext, id: string): Promise<Cadre> {
    const cadre = await ctx.loaders.cadreById.load(id);
    if (!cadre) throw CadreErrors.cadreNotFound(id);
    const scope = await visibleSubtree(ctx);
    if (scope) {
      const unit = await ctx.loaders.unitById.load(cadre.unitId);
      if (!unit || !isWithin(unit, scope)) throw CadreErrors.cadreNotFound(id);
    }
    return cadre;
  }

  /** The cadre's history, oldest first, with protected values hidden from VIEWER. */
  async history(ctx: RequestContext, cadre: Cadre): Promise<CadreHistoryEntry[]> {
    const rows = await ctx.loaders.cadreHistory.load(cadre.id);
    const open = seesProtectedData(ctx);
    return rows.map((h) => ({
      id: h.seq,
      at: h.at,
      kind: h.kind,
      note: h.note,
      accountId: h.accountId,
      changes: Object.entries(h.changes).map(([field, change]): CadreFieldChange => {
        const hidden = !open && PROTECTED_FIELDS.has(field);
        return { field, from: hidden ? null : asText(change.from), to: hidden ? null : asText(change.to) };
      }),
    }));
  }

  /** Registers a cadre (ACTIVE) and writes a CREATED history entry. */
  async create(ctx: RequestContext, input: CreateCadreInput): Promise<Cadre> {
    const { unit, post, fields, changes } = await this.checkedNew(ctx, input);
    await this.assertPostFree(ctx, post, unit, null);
    const cadre = ctx.manager.create(Cadre, fields);
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.CREATED, changes, null);
    return cadre;
  }

  /**
   * A new cadre's columns and CREATED history entry from the input, checked by the rules every
   * registration follows (person rules, unit and post, planning); the caller checks the post is free.
   */
  private async checkedNew(
    ctx: RequestContext,
    input: CreateCadreInput,
  ): Promise<{ unit: Unit; post: Post; fields: Pick<Cadre, BulkCreated>; changes: ChangeSet }> {
    const fullName = normalizeName(input.fullName);
    const partyJoinedOn = input.partyJoinedOn ?? null;
    this.checkPersonRules({ dateOfBirth: input.dateOfBirth, partyMember: input.partyMember, partyJoinedOn });
    const unit = await this.requireUnit(ctx, input.unitId, 'input.unitId');
    const post = await this.requirePost(ctx, input.postId, 'input.postId');
    const planningPost = await this.checkPlanning(ctx, input.inPlanningPool, input.planningPostId ?? null);
    const fields: Pick<Cadre, BulkCreated> = {
      fullName,
      gender: input.gender,
      dateOfBirth: input.dateOfBirth,
      unitId: unit.id,
      postId: post.id,
      civilServiceCategory: input.civilServiceCategory,
      qualification: input.qualification,
      politicalTheory: input.politicalTheory,
      partyMember: input.partyMember,
      partyJoinedOn,
      status: EmploymentStatus.ACTIVE,
      employmentEndedOn: null,
      inPlanningPool: input.inPlanningPool,
      planningPostId: planningPost?.id ?? null,
      phone: input.phone?.trim() ?? null,
      email: input.email?.trim().toLowerCase() ?? null,
    };
    const changes: ChangeSet = {
      fullName: { from: null, to: fullName },
      gender: { from: null, to: input.gender },
      dateOfBirth: { from: null, to: input.dateOfBirth },
      unit: { from: null, to: unit.name },
      post: { from: null, to: post.name },
      status: { from: null, to: EmploymentStatus.ACTIVE },
    };
    return { unit, post, fields, changes };
  }

  /**
   * Registers many cadres at once (an import): each input is checked by the rules of
   * {@link create} (person rules, unit and post, planning, one holder per single-holder post,
   * also among the inputs), all before anything is written; then the cadres and their CREATED
   * history entries go in with one multi-row INSERT each per 5,000. A refusal is the error
   * `create` would give, with `details.index` naming the input, and nothing is written. Returns
   * the new ids in input order. `note` goes into every history entry (the file's name).
   */
  async createMany(ctx: RequestContext, inputs: readonly CreateCadreInput[], note: string | null = null): Promise<string[]> {
    const rows: Array<{ id: string; cadre: Pick<Cadre, BulkCreated>; changes: ChangeSet }> = [];
    const slots = new Map<string, string>();
    for (const [index, input] of inputs.entries()) {
      try {
        const { unit, post, fields, changes } = await this.checkedNew(ctx, input);
        if (post.singleHolder) {
          const slot = `${unit.id}|${post.id}`;
          const earlier = slots.get(slot);
          if (earlier !== undefined) throw CadreErrors.postTaken(post.name, unit.name, { id: '', fullName: earlier });
          await this.assertPostFree(ctx, post, unit, null);
          slots.set(slot, fields.fullName);
        }
        rows.push({ id: randomUUID(), cadre: fields, changes });
      } catch (err) {
        if (err instanceof AppError) err.details['index'] = index;
        throw err;
      }
    }
    type Row = (typeof rows)[number];
    const c = (name: string, type: string, value: (r: Row) => unknown): BulkColumn<Row> => ({ name, type, value });
    await bulkInsert(
      ctx.manager,
      'cadre',
      [
        c('id', 'uuid', (r) => r.id),
        c('full_name', 'text', (r) => r.cadre.fullName),
        c('gender', 'gender', (r) => r.cadre.gender),
        c('date_of_birth', 'date', (r) => r.cadre.dateOfBirth),
        c('unit_id', 'uuid', (r) => r.cadre.unitId),
        c('post_id', 'uuid', (r) => r.cadre.postId),
        c('civil_service_category', 'civil_service_category', (r) => r.cadre.civilServiceCategory),
        c('qualification', 'qualification', (r) => r.cadre.qualification),
        c('political_theory', 'political_theory', (r) => r.cadre.politicalTheory),
        c('party_member', 'boolean', (r) => r.cadre.partyMember),
        c('party_joined_on', 'date', (r) => r.cadre.partyJoinedOn),
        c('status', 'employment_status', (r) => r.cadre.status),
        c('employment_ended_on', 'date', (r) => r.cadre.employmentEndedOn),
        c('in_planning_pool', 'boolean', (r) => r.cadre.inPlanningPool),
        c('planning_post_id', 'uuid', (r) => r.cadre.planningPostId),
        c('phone', 'text', (r) => r.cadre.phone),
        c('email', 'text', (r) => r.cadre.email),
        c('version', 'integer', () => 1),
      ],
      rows,
    );
    const accountId = ctx.account?.id ?? null;
    await bulkInsert(
      ctx.manager,
      'cadre_history',
      [
        c('cadre_id', 'uuid', (r) => r.id),
        c('kind', 'cadre_change_kind', () => CadreChangeKind.CREATED),
        c('changes', 'jsonb', (r) => JSON.stringify(r.changes)),
        c('account_id', 'uuid', () => accountId),
        c('note', 'text', () => note),
      ],
      rows,
    );
    return rows.map((r) => r.id);
  }

  /** Changes a cadre's own data; records the fields that changed. No change, no new version. */
  async update(ctx: RequestContext, input: UpdateCadreInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (input.status !== undefined && !CURRENT_STATUSES.includes(cadre.status))
      throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    const next: Pick<Cadre, (typeof UPDATABLE)[number]> = {
      fullName: input.fullName !== undefined ? normalizeName(input.fullName) : cadre.fullName,
      gender: input.gender ?? cadre.gender,
      dateOfBirth: input.dateOfBirth ?? cadre.dateOfBirth,
      civilServiceCategory: input.civilServiceCategory ?? cadre.civilServiceCategory,
      qualification: input.qualification ?? cadre.qualification,
      politicalTheory: input.politicalTheory ?? cadre.politicalTheory,
      partyMember: input.partyMember ?? cadre.partyMember,
      partyJoinedOn: input.partyJoinedOn !== undefined ? input.partyJoinedOn : cadre.partyJoinedOn,
      inPlanningPool: input.inPlanningPool ?? cadre.inPlanningPool,
      planningPostId: input.planningPostId !== undefined ? input.planningPostId : cadre.planningPostId,
      phone: input.phone !== undefined ? (input.phone?.trim() ?? null) : cadre.phone,
      email: input.email !== undefined ? (input.email?.trim().toLowerCase() ?? null) : cadre.email,
      status: input.status ?? cadre.status,
    };
    // Leaving the Party or the pool clears what only makes sense inside it, unless given explicitly.
    if (!next.partyMember && input.partyJoinedOn === undefined) next.partyJoinedOn = null;
    if (!next.inPlanningPool && input.planningPostId === undefined) next.planningPostId = null;
    this.checkPersonRules(next);
    const planningPost = await this.checkPlanning(ctx, next.inPlanningPool, next.planningPostId);

    const changes: ChangeSet = {};
    for (const field of UPDATABLE) {
      if (next[field] === cadre[field]) continue;
      if (field === 'planningPostId') {
        const before = cadre.planningPostId ? await ctx.loaders.postById.load(cadre.planningPostId) : null;
        changes['planningPost'] = { from: before?.name ?? null, to: planningPost?.name ?? null };
      } else {
        changes[field] = { from: cadre[field], to: next[field] };
      }
    }
    if (!Object.keys(changes).length) return cadre;
    Object.assign(cadre, next);
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.UPDATED, changes, input.note ?? null);
    return cadre;
  }

  /**
   * Transfer, rotation or appointment: a new unit and/or post. A single-holder post with a
   * current holder is a CONFLICT naming the holder. Appointment to the post a cadre was planned
   * for takes the cadre out of the planning pool.
   */
  async move(ctx: RequestContext, input: MoveCadreInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (!CURRENT_STATUSES.includes(cadre.status)) throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    const [fromUnit, fromPost] = await Promise.all([
      ctx.loaders.unitById.load(cadre.unitId),
      ctx.loaders.postById.load(cadre.postId),
    ]);
    const unit = input.unitId ? await this.requireUnit(ctx, input.unitId, 'input.unitId') : fromUnit!;
    const post = input.postId ? await this.requirePost(ctx, input.postId, 'input.postId') : fromPost!;
    if (unit.id === cadre.unitId && post.id === cadre.postId) throw CadreErrors.nothingToMove();
    await this.assertPostFree(ctx, post, unit, cadre.id);
    const changes: ChangeSet = {};
    if (unit.id !== cadre.unitId) changes['unit'] = { from: fromUnit?.name ?? null, to: unit.name };
    if (post.id !== cadre.postId) changes['post'] = { from: fromPost?.name ?? null, to: post.name };
    if (cadre.inPlanningPool && cadre.planningPostId === post.id) {
      changes['inPlanningPool'] = { from: true, to: false };
      changes['planningPost'] = { from: post.name, to: null };
      cadre.inPlanningPool = false;
      cadre.planningPostId = null;
    }
    cadre.unitId = unit.id;
    cadre.postId = post.id;
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, HISTORY_KIND_OF_MOVE[input.kind], changes, input.note ?? null);
    return cadre;
  }

  /** Ends employment (rotated out, retired, dismissed); the post becomes free. */
  async endEmployment(ctx: RequestContext, input: EndCadreEmploymentInput): Promise<Cadre> {
    const cadre = await this.lockForChange(ctx, input.id, input.version);
    if (!CURRENT_STATUSES.includes(cadre.status)) throw CadreErrors.employmentEnded(cadre.id, cadre.status);
    if (input.endedOn > todayInVietnam()) throw CadreErrors.rule('input.endedOn', 'không được sau hôm nay', 'DATE_IN_FUTURE');
    if (input.endedOn < cadre.dateOfBirth)
      throw CadreErrors.rule('input.endedOn', 'không được trước ngày sinh', 'BEFORE_DATE_OF_BIRTH');
    const changes: ChangeSet = {
      status: { from: cadre.status, to: input.status },
      employmentEndedOn: { from: null, to: input.endedOn },
    };
    if (cadre.inPlanningPool) changes['inPlanningPool'] = { from: true, to: false };
    cadre.status = input.status;
    cadre.employmentEndedOn = input.endedOn;
    cadre.inPlanningPool = false;
    cadre.planningPostId = null;
    await ctx.manager.save(cadre);
    await this.record(ctx, cadre.id, CadreChangeKind.EMPLOYMENT_ENDED, changes, input.note ?? null);
    return cadre;
  }

  /** Locks the row for this transaction, then refuses a stale version. */
  private async lockForChange(ctx: RequestContext, id: string, version: number): Promise<Cadre> {
    const cadre = await ctx.manager.findOne(Cadre, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!cadre) throw CadreErrors.cadreNotFound(id);
    assertVersion('Cadre', cadre, version);
    return cadre;
  }

  private checkPersonRules(p: { dateOfBirth: string; partyMember: boolean; partyJoinedOn: string | null }): void {
    const today = todayInVietnam();
    if (p.dateOfBirth > today) throw CadreErrors.rule('input.dateOfBirth', 'không được sau hôm nay', 'DATE_IN_FUTURE');
    if (p.dateOfBirth < '1900-01-01')
      throw CadreErrors.rule('input.dateOfBirth', 'phải sau ngày 1900-01-01', 'DATE_OF_BIRTH_TOO_EARLY');
    if (addYears(p.dateOfBirth, 18) > today) throw CadreErrors.rule('input.dateOfBirth', 'cán bộ phải đủ 18 tuổi', 'UNDER_18');
    if (p.partyMember && !p.partyJoinedOn)
      throw CadreErrors.rule('input.partyJoinedOn', 'bắt buộc với đảng viên', 'PARTY_JOINED_ON_REQUIRED');
    if (!p.partyMember && p.partyJoinedOn)
      throw CadreErrors.rule('input.partyJoinedOn', 'chỉ ghi cho đảng viên (đặt partyMember là true)', 'NOT_A_PARTY_MEMBER');
    if (p.partyJoinedOn) {
      if (p.partyJoinedOn > today) throw CadreErrors.rule('input.partyJoinedOn', 'không được sau hôm nay', 'DATE_IN_FUTURE');
      if (p.partyJoinedOn < addYears(p.dateOfBirth, 18))
        throw CadreErrors.rule('input.partyJoinedOn', 'phải từ ngày tròn 18 tuổi trở đi', 'PARTY_JOINED_UNDER_18');
    }
  }

  private async checkPlanning(ctx: RequestContext, inPool: boolean, planningPostId: string | null): Promise<Post | null> {
    if (!planningPostId) return null;
    if (!inPool)
      throw CadreErrors.rule(
        'input.planningPostId',
        'chỉ ghi cho cán bộ trong diện quy hoạch (inPlanningPool: true)',
        'NOT_IN_PLANNING_POOL',
      );
    return this.requirePost(ctx, planningPostId, 'input.planningPostId');
  }

  /** A unit referenced by an input: unknown (or outside the caller's subtree) is BAD_USER_INPUT at `path`. */
  private async requireUnit(ctx: RequestContext, id: string, path: string): Promise<Unit> {
    const [unit, scope] = await Promise.all([ctx.loaders.unitById.load(id), visibleSubtree(ctx)]);
    if (!unit || !isWithin(unit, scope)) throw CadreErrors.unknownReference(path, 'unit', id);
    if (!unit.body)
      throw CadreErrors.rule(
        path,
        `"${unit.name}" bao trùm mọi khối; hãy chọn một đơn vị thuộc một khối`,
        'UNIT_SPANS_ALL_BODIES',
      );
    return unit;
  }

  private async requirePost(ctx: RequestContext, id: string, path: string): Promise<Post> {
    const post = await ctx.loaders.postById.load(id);
    if (!post) throw CadreErrors.unknownReference(path, 'post', id);
    return post;
  }

  /**
   * A single-holder post takes one current holder per unit. The post row is locked first, so two
   * concurrent appointments to the same post are serialised and the second sees the first.
   */
  private async assertPostFree(ctx: RequestContext, post: Post, unit: Unit, exceptCadreId: string | null): Promise<void> {
    if (!post.singleHolder) return;
    await ctx.manager.query('SELECT id FROM post WHERE id = $1 FOR UPDATE', [post.id]);
    const [holder] = (await ctx.manager.query(
      `SELECT id, full_name AS "fullName" FROM cadre
        WHERE unit_id = $1 AND post_id = $2 AND status = ANY($3::employment_status[]) AND ($4::uuid IS NULL OR id <> $4::uuid)
        ORDER BY created_at LIMIT 1`,
      [unit.id, post.id, CURRENT_STATUSES, exceptCadreId],
    )) as Array<{ id: string; fullName: string }>;
    if (holder) throw CadreErrors.postTaken(post.name, unit.name, holder);
  }

  private async record(
    ctx: RequestContext,
    cadreId: string,
    kind: CadreChangeKind,
    changes: ChangeSet,
    note: string | null,
  ): Promise<void> {
    await ctx.manager.save(
      ctx.manager.create(CadreHistory, { cadreId, kind, changes, note, accountId: ctx.account?.id ?? null }),
    );
  }
}
