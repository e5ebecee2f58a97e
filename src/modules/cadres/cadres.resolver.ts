import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectedFields } from '../../graphql/look-ahead';
import { Allow } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { Role } from '../../common/role.enum';
import { Post } from '../units/post.entity';
import { Unit } from '../units/unit.entity';
import { Cadre } from './cadre.entity';
import {
  CadreIdArgs,
  CadresArgs,
  CreateCadreInput,
  EndCadreEmploymentInput,
  MoveCadreInput,
  UpdateCadreInput,
} from './cadres.inputs';
import type { CadresQueryService } from './cadres.query';
import { type CadresService, seesProtectedData } from './cadres.service';
import { CadreConnection, CadreHistoryEntry } from './cadres.types';

/** Roles that change the register: the Party Building Board (personnel work) and admins. */
const REGISTER_EDITORS = [Role.PARTY_BUILDING, Role.ADMIN] as const;

@Resolver(() => Cadre)
export class CadresResolver {
  constructor(
    private readonly service: CadresService,
    private readonly queries: CadresQueryService,
  ) {}

  @Allow()
  @Query(() => CadreConnection, {
    description:
      'Cadres the caller may see, a page at a time (Relay connection). A UNIT_HEAD sees the cadres of its unit and the units below it. VIEWER may not filter or sort by age or date of birth (FORBIDDEN).',
  })
  async cadres(@Args() args: CadresArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<CadreConnection> {
    const page = await this.queries.list(ctx, args);
    await this.queries.preload(
      ctx,
      page.edges.map((e) => e.node),
      selectedFields(info, ['edges', 'node']),
    );
    return page;
  }

  @Allow()
  @Query(() => Cadre, { description: 'One cadre; NOT_FOUND when it does not exist or lies outside what the caller may see.' })
  cadre(@Args() args: CadreIdArgs, @Ctx() ctx: RequestContext): Promise<Cadre> {
    return this.service.findById(ctx, args.id);
  }

  @Allow(...REGISTER_EDITORS)
  @Mutation(() => Cadre, {
    description: 'Register a cadre (Party Building Board and admins). Written to the history as CREATED.',
  })
  createCadre(
    @Arg('input', { description: 'The new cadre.' }) input: CreateCadreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Cadre> {
    return this.service.create(ctx, input);
  }

  @Allow(...REGISTER_EDITORS)
  @Mutation(() => Cadre, {
    description: 'Correct or update a cadre’s own data (Party Building Board and admins). A stale version is a CONFLICT.',
  })
  updateCadre(
    @Arg('input', { description: 'What to change.' }) input: UpdateCadreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Cadre> {
    return this.service.update(ctx, input);
  }

  @Allow(...REGISTER_EDITORS)
  @Mutation(() => Cadre, {
    description:
      'Transfer, rotate or appoint a cadre to another unit and/or post (Party Building Board and admins). A single-holder post with a current holder is a CONFLICT.',
  })
  moveCadre(
    @Arg('input', { description: 'Where to and how.' }) input: MoveCadreInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Cadre> {
    return this.service.move(ctx, input);
  }

  @Allow(...REGISTER_EDITORS)
  @Mutation(() => Cadre, {
    description: 'End a cadre’s employment: rotated out, retired or dismissed (Party Building Board and admins).',
  })
  endCadreEmployment(
    @Arg('input', { description: 'How and when.' }) input: EndCadreEmploymentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Cadre> {
    return this.service.endEmployment(ctx, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Date of birth (YYYY-MM-DD). Null for VIEWER, whose role does not show it.',
  })
  dateOfBirth(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): string | null {
    return seesProtectedData(ctx) ? cadre.dateOfBirth : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Telephone (contact data). Null when unknown, and always for VIEWER.',
  })
  phone(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): string | null {
    return seesProtectedData(ctx) ? cadre.phone : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'E-mail (contact data). Null when unknown, and always for VIEWER.',
  })
  email(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): string | null {
    return seesProtectedData(ctx) ? cadre.email : null;
  }

  @FieldResolver(() => Unit, { description: 'The unit the cadre works in.' })
  unit(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): Unit | Promise<Unit | null> {
    // Set by a list's look-ahead (CadresQueryService.preload): no promise per row.
    return cadre.unit ?? ctx.loaders.unitById.load(cadre.unitId);
  }

  @FieldResolver(() => Post, { description: 'The post (chức vụ) the cadre holds.' })
  post(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): Post | Promise<Post | null> {
    return cadre.post ?? ctx.loaders.postById.load(cadre.postId);
  }

  @FieldResolver(() => Boolean, { description: 'Holds a leadership or management post (cán bộ lãnh đạo, quản lý).' })
  isManager(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): boolean | Promise<boolean> {
    if (cadre.post) return cadre.post.isManagement;
    return ctx.loaders.postById.load(cadre.postId).then((post) => post?.isManagement ?? false);
  }

  @FieldResolver(() => Post, {
    nullable: true,
    description: 'The post the cadre is planned for in the succession-planning pool; null when not planned.',
  })
  async planningPost(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): Promise<Post | null> {
    return cadre.planningPostId ? ctx.loaders.postById.load(cadre.planningPostId) : null;
  }

  @FieldResolver(() => [CadreHistoryEntry], {
    description:
      'Every change to this cadre, oldest first (append-only). For VIEWER, values of date of birth and contact data are null.',
  })
  history(@Root() cadre: Cadre, @Ctx() ctx: RequestContext): Promise<CadreHistoryEntry[]> {
    return this.service.history(ctx, cadre);
  }
}

@Resolver(() => CadreHistoryEntry)
export class CadreHistoryResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'Display name of the account that made the change; null for imported and generated data.',
  })
  async actorName(@Root() entry: CadreHistoryEntry, @Ctx() ctx: RequestContext): Promise<string | null> {
    return entry.accountId ? ((await ctx.loaders.accountById.load(entry.accountId))?.displayName ?? null) : null;
  }
}
