import { todayInVietnam } from '../../../common/validation';
import type { RequestContext } from '../../../graphql/context';
import { normalizeName } from '../../cadres/cadres.service';
import { SatisfactionChannel } from '../../quality/quality.enums';
import { type QualityRuleSet, qualityRulesOn } from '../../quality/quality-rules';
import { ProcedureCase, SatisfactionResult } from '../../quality/satisfaction/satisfaction.entity';
import type { SatisfactionService } from '../../quality/satisfaction/satisfaction.service';
import { date, fold, numberIn, text } from '../cells';
import { defineImportKind, type ImportKind, oneByOne, type ParsedRow } from '../import-kind';

export interface SatisfactionRow {
  receiptNumber: string;
  procedureName: string;
  completedOn: string;
  unitCode: string;
  cadreName?: string | null;
  surveyedOn: string;
  score: number;
  comment?: string | null;
}

const RECEIPT = /^[A-Za-z0-9][A-Za-z0-9./-]{2,39}$/;

export const SATISFACTION_COLUMNS: ImportKind<SatisfactionRow>['columns'] = [
  {
    key: 'receiptNumber',
    header: 'Số biên nhận',
    aliases: ['Mã hồ sơ', 'Số hồ sơ'],
    required: true,
    hint: 'số biên nhận của hồ sơ thủ tục',
    parse: text({
      required: true,
      maxLength: 40,
      pattern: RECEIPT,
      patternMessage: 'số biên nhận gồm 3-40 chữ, số, dấu chấm, gạch chéo hoặc gạch ngang',
    }),
  },
  {
    key: 'procedureName',
    header: 'Thủ tục',
    aliases: ['Tên thủ tục', 'Thủ tục hành chính'],
    required: true,
    hint: 'tên thủ tục hành chính',
    parse: text({ required: true, maxLength: 300 }),
  },
  {
    key: 'completedOn',
    header: 'Ngày trả kết quả',
    aliases: ['Ngày hoàn thành'],
    required: true,
    hint: 'dd/mm/yyyy',
    parse: date({ required: true }),
  },
  {
    key: 'unitCode',
    header: 'Mã đơn vị',
    aliases: ['Đơn vị giải quyết'],
    required: true,
    hint: 'mã đơn vị giải quyết, ví dụ AB-VPUB',
    parse: text({ required: true, maxLength: 60 }),
  },
  {
    key: 'cadreName',
    header: 'Cán bộ xử lý',
    aliases: ['Cán bộ giải quyết'],
    required: false,
    hint: 'họ tên cán bộ của đơn vị đó (tùy chọn)',
    parse: text({ maxLength: 120 }),
  },
  {
    key: 'surveyedOn',
    header: 'Ngày khảo sát',
    required: true,
    hint: 'dd/mm/yyyy, từ ngày trả kết quả',
    parse: date({ required: true }),
  },
  // The scale is the rule set's (checked again per row in prepare); the parser refuses what no scale allows.
  {
    key: 'score',
    header: 'Mức hài lòng',
    aliases: ['Điểm hài lòng', 'Điểm'],
    required: true,
    hint: 'số nguyên trên thang của quy định (1 đến 5)',
    parse: numberIn({ min: -1000, max: 1000, integer: true, required: true }),
  },
  {
    key: 'comment',
    header: 'Ý kiến',
    aliases: ['Góp ý', 'Ý kiến người dân'],
    required: false,
    hint: 'ý kiến của người dân',
    parse: text({ maxLength: 2000 }),
  },
];

const PATH_FIELD: Record<string, keyof SatisfactionRow> = {
  'input.receiptNumber': 'receiptNumber',
  'input.procedureName': 'procedureName',
  'input.completedOn': 'completedOn',
  'input.unitId': 'unitCode',
  'input.cadreId': 'cadreName',
  'input.surveyedOn': 'surveyedOn',
  'input.score': 'score',
  'input.comment': 'comment',
};

const receiptKey = (s: string) => s.trim().toUpperCase();

/**
 * Satisfaction survey results through {@link SatisfactionService} (channel IMPORT): each row is a
 * completed procedure, recorded when the register does not know its receipt number yet, and its
 * one survey answer. Natural key: the receipt number (one answer per completed procedure). A row
 * whose procedure and answer are recorded with the same values changes nothing; different values
 * are refused (a recorded answer is not rewritten by a file).
 */
export function satisfactionImport(
  satisfaction: SatisfactionService,
  rules: readonly QualityRuleSet[],
): ImportKind<SatisfactionRow> {
  return defineImportKind<SatisfactionRow>({
    name: 'satisfaction',
    title: 'Kết quả khảo sát hài lòng',
    columns: SATISFACTION_COLUMNS,
    keyFields: ['receiptNumber'],
    key: (v) => receiptKey(v.receiptNumber),

    async prepare(ctx, rows, problems) {
      const m = ctx.manager;
      const codes = [...new Set(rows.map((r) => r.values.unitCode.toUpperCase()))];
      const units = new Map(
        (
          (await m.query(`SELECT id, code, name, path FROM unit WHERE upper(code) = ANY($1::text[])`, [codes])) as Array<{
            id: string;
            code: string;
            name: string;
            path: string;
          }>
        ).map((u) => [u.code.toUpperCase(), u]),
      );
      const receipts = rows.map((r) => receiptKey(r.values.receiptNumber));
      const cases = new Map(
        (
          await m
            .createQueryBuilder(ProcedureCase, 'p')
            .where('p.receipt_number = ANY(CAST(:r AS text[]))', { r: receipts })
            .getMany()
        ).map((p) => [p.receiptNumber, p]),
      );
      const answered = new Map(
        (cases.size
          ? await m
              .createQueryBuilder(SatisfactionResult, 's')
              .where('s.procedure_case_id = ANY(CAST(:ids AS uuid[]))', { ids: [...cases.values()].map((p) => p.id) })
              .getMany()
          : []
        ).map((s) => [s.procedureCaseId!, s]),
      );
      // Handling cadres by name within their unit's subtree.
      const named = rows.filter((r) => r.values.cadreName);
      const staff = new Map<string, Array<{ id: string; path: string }>>();
      if (named.length) {
        const paths = [
          ...new Set(named.map((r) => units.get(r.values.unitCode.toUpperCase())?.path).filter((p): p is string => !!p)),
        ];
        if (paths.length) {
          const found = (await m.query(
            `SELECT c.id, c.full_name AS "fullName", u.path FROM cadre c JOIN unit u ON u.id = c.unit_id WHERE u.path LIKE ANY($1::text[])`,
            [paths.map((p) => `${p}%`)],
          )) as Array<{ id: string; fullName: string; path: string }>;
          for (const c of found) {
            const k = normalizeName(c.fullName).toLowerCase();
            staff.set(k, [...(staff.get(k) ?? []), { id: c.id, path: c.path }]);
          }
        }
      }
      const today = todayInVietnam();
      /** Rows whose procedure and answer are recorded with the same values. */
      const answeredRows = new Set<number>();
      const plan = new Map<number, { unitId: string; cadreId: string | null; known: ProcedureCase | null }>();
      for (const row of rows) {
        const v = row.values;
        let ok = true;
        const bad = (field: keyof SatisfactionRow & string, message: string) => {
          ok = false;
          problems.add(row, field, message);
        };
        const scale = qualityRulesOn(rules, v.surveyedOn).satisfaction;
        if (v.score < scale.min || v.score > scale.max)
          bad('score', `${v.score} nằm ngoài thang ${scale.min}–${scale.max} (${scale.citation || 'quy định khảo sát'})`);
        if (v.completedOn > today) bad('completedOn', 'ngày trả kết quả ở tương lai');
        if (v.surveyedOn > today) bad('surveyedOn', 'ngày khảo sát ở tương lai');
        else if (v.surveyedOn < v.completedOn) bad('surveyedOn', 'khảo sát trước ngày trả kết quả');
        const unit = units.get(v.unitCode.toUpperCase());
        if (!unit) bad('unitCode', `không có đơn vị mã "${v.unitCode}"`);
        let cadreId: string | null = null;
        if (v.cadreName && unit) {
          const matches = (staff.get(normalizeName(v.cadreName).toLowerCase()) ?? []).filter((c) => c.path.startsWith(unit.path));
          if (matches.length === 1) cadreId = matches[0]!.id;
          else
            bad(
              'cadreName',
              matches.length
                ? `${matches.length} cán bộ tên "${v.cadreName}" trong ${unit.name}: không biết là ai`
                : `không có cán bộ "${v.cadreName}" trong ${unit.name}`,
            );
        }
        const known = cases.get(receiptKey(v.receiptNumber)) ?? null;
        if (known) {
          if (fold(known.procedureName) !== fold(v.procedureName))
            bad('procedureName', `số biên nhận này đã ghi cho thủ tục "${known.procedureName}"`);
          if (known.completedOn !== v.completedOn)
            bad('completedOn', `số biên nhận này đã ghi ngày trả kết quả ${known.completedOn.split('-').reverse().join('/')}`);
          if (unit && known.unitId !== unit.id) bad('unitCode', 'số biên nhận này đã ghi cho đơn vị khác');
          const answer = answered.get(known.id);
          if (
            answer &&
            (answer.score !== v.score || answer.surveyedOn !== v.surveyedOn || (answer.comment ?? null) !== (v.comment ?? null))
          )
            bad('score', 'hồ sơ này đã có kết quả khảo sát khác; mỗi hồ sơ một kết quả, không sửa qua nhập tệp');
          if (answer && ok) {
            plan.set(row.rowNumber, { unitId: unit!.id, cadreId, known: null });
            answeredRows.add(row.rowNumber);
            continue;
          }
        }
        if (ok && unit) plan.set(row.rowNumber, { unitId: unit.id, cadreId, known });
      }

      return {
        fieldOfPath: (path) => PATH_FIELD[path] ?? null,
        apply: oneByOne(async (ctx: RequestContext, row: ParsedRow<SatisfactionRow>) => {
          if (answeredRows.has(row.rowNumber)) return 'unchanged';
          const p = plan.get(row.rowNumber)!;
          const v = row.values;
          if (!p.known) {
            await satisfaction.recordProcedureCase(ctx, {
              receiptNumber: v.receiptNumber,
              procedureName: v.procedureName,
              completedOn: v.completedOn,
              unitId: p.unitId,
              cadreId: p.cadreId,
            });
          }
          await satisfaction.record(
            ctx,
            { receiptNumber: v.receiptNumber, surveyedOn: v.surveyedOn, score: v.score, comment: v.comment ?? null },
            SatisfactionChannel.IMPORT,
          );
          return 'created';
        }),
      };
    },
  });
}
