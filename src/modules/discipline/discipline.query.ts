import type { CursorCodec } from '../../graphql/cursor';
import type { RequestContext } from '../../graphql/context';
import { keysetPage } from '../../graphql/keyset-page';
import { markCleared, notInvolved } from '../recusal/recusal.policy';
import { DisciplineCase } from './discipline-case.entity';
import type { DisciplineCasesArgs } from './discipline.inputs';
import { DisciplineCaseConnection } from './discipline.types';

const OVERDUE = `EXISTS (SELECT 1 FROM discipline_notification n WHERE n.case_id = d.id AND n.sent_on IS NULL AND n.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

/** The discipline case list: filters and keyset pagination (newest first). */
export class DisciplineQueryService {
  constructor(private readonly cursors: CursorCodec) {}

  async list(ctx: RequestContext, args: DisciplineCasesArgs): Promise<DisciplineCaseConnection> {
    const q = ctx.manager.createQueryBuilder(DisciplineCase, 'd');
    const f = args.filter ?? {};
    if (ctx.account?.cadreId) q.andWhere(notInvolved.disciplineCase('d', ':me'), { me: ctx.account.cadreId });
    if (f.statuses?.length) q.andWhere('d.status IN (:...statuses)', { statuses: f.statuses });
    if (f.subjectTypes?.length) q.andWhere('d.subject_type IN (:...types)', { types: f.subjectTypes });
    if (f.side) q.andWhere('d.side = :side', { side: f.side });
    if (f.cadreId) q.andWhere('d.cadre_id = :cadreId', { cadreId: f.cadreId });
    if (f.unitId) {
      q.andWhere(
        `(SELECT u.path FROM unit u WHERE u.id = coalesce(d.unit_id, (SELECT c.unit_id FROM cadre c WHERE c.id = d.cadre_id))) LIKE (SELECT path FROM unit WHERE id = :unitId) || '%'`,
        { unitId: f.unitId },
      );
    }
    if (f.overdueNotification === true) q.andWhere(OVERDUE);
    if (f.overdueNotification === false) q.andWhere(`NOT ${OVERDUE}`);
    const page = await keysetPage(q, 'd', 'created_at', args, this.cursors);
    for (const e of page.edges) ctx.loaders.disciplineCaseById.prime(e.node.id, e.node);
    markCleared(
      ctx,
      page.edges.map((e) => e.node),
    );
    return Object.assign(new DisciplineCaseConnection(), page);
  }
}
