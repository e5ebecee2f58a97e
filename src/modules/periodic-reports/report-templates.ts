import { badInput } from '../../common/errors';
import { isRealDate } from '../../common/validation';
import templatesData from './data/report-templates.json';
import { FIGURE_BY_CODE, type FigureDef, FigureGroup } from './figures';

/** One row of a template's table: a figure (optionally expanded per group), or a heading without figures. */
export interface TemplateRow {
  label: string;
  /** Indentation: 0 a main line, 1 "of which", 2 a breakdown under a heading. */
  level: number;
  figure: FigureDef | null;
  group: FigureGroup | null;
}

export interface TemplateTable {
  key: string;
  title: string;
  rows: readonly TemplateRow[];
}

/** A periodic report template (mẫu báo cáo định kỳ), one dated version of it. */
export interface ReportTemplate {
  id: string;
  code: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  title: string;
  subtitle: string;
  basis: string;
  unsure: boolean;
  header: { left: readonly string[]; right: readonly string[]; place: string };
  signature: { onBehalf: string; title: string };
  recipients: readonly string[];
  tables: readonly TemplateTable[];
}

const text = (v: unknown, where: string): string => {
  if (typeof v !== 'string' || !v.trim())
    throw badInput(
      `Mẫu báo cáo: ${where} phải là chuỗi không rỗng.`,
      [{ path: where, message: 'chuỗi không rỗng' }],
      'TEMPLATE_INVALID',
    );
  return v;
};
const texts = (v: unknown, where: string): string[] => {
  if (!Array.isArray(v))
    throw badInput(`Mẫu báo cáo: ${where} phải là một danh sách.`, [{ path: where, message: 'danh sách' }], 'TEMPLATE_INVALID');
  return v.map((s, i) => text(s, `${where}[${i}]`));
};
const date = (v: unknown, where: string): string => {
  if (typeof v !== 'string' || !isRealDate(v))
    throw badInput(
      `Mẫu báo cáo: ${where} phải là ngày YYYY-MM-DD.`,
      [{ path: where, message: 'YYYY-MM-DD' }],
      'TEMPLATE_INVALID',
    );
  return v;
};

/**
 * Checks template data and resolves each row's figure. Refuses, with a Vietnamese message naming
 * the place: a row naming a figure that does not exist (`UNKNOWN_FIGURE`), a grouping the figure
 * does not have (`FIGURE_GROUP`), two versions of one template in force on the same day, and any
 * malformed entry (`TEMPLATE_INVALID`).
 */
export function parseReportTemplates(data: unknown): readonly ReportTemplate[] {
  const list = (data as { templates?: unknown }).templates;
  if (!Array.isArray(list) || !list.length)
    throw badInput('Mẫu báo cáo: "templates" phải là danh sách không rỗng.', [], 'TEMPLATE_INVALID');
  const ids = new Set<string>();
  const templates = list.map((raw: Record<string, unknown>, ti): ReportTemplate => {
    const at = `templates[${ti}]`;
    const id = text(raw['id'], `${at}.id`);
    if (ids.has(id))
      throw badInput(`Mẫu báo cáo: mã phiên bản ${id} bị trùng.`, [{ path: `${at}.id`, message: 'trùng' }], 'TEMPLATE_INVALID');
    ids.add(id);
    const header = (raw['header'] ?? {}) as Record<string, unknown>;
    const signature = (raw['signature'] ?? {}) as Record<string, unknown>;
    const tables = Array.isArray(raw['tables']) ? (raw['tables'] as Array<Record<string, unknown>>) : [];
    if (!tables.length)
      throw badInput(
        `Mẫu báo cáo ${id}: chưa có bảng nào.`,
        [{ path: `${at}.tables`, message: 'không rỗng' }],
        'TEMPLATE_INVALID',
      );
    return {
      id,
      code: text(raw['code'], `${at}.code`),
      effectiveFrom: date(raw['effectiveFrom'], `${at}.effectiveFrom`),
      effectiveTo: raw['effectiveTo'] == null ? null : date(raw['effectiveTo'], `${at}.effectiveTo`),
      title: text(raw['title'], `${at}.title`),
      subtitle: text(raw['subtitle'], `${at}.subtitle`),
      basis: text(raw['basis'], `${at}.basis`),
      unsure: raw['unsure'] === true,
      header: {
        left: texts(header['left'], `${at}.header.left`),
        right: texts(header['right'], `${at}.header.right`),
        place: text(header['place'], `${at}.header.place`),
      },
      signature: {
        onBehalf: text(signature['on_behalf'], `${at}.signature.on_behalf`),
        title: text(signature['title'], `${at}.signature.title`),
      },
      recipients: texts(raw['recipients'] ?? [], `${at}.recipients`),
      tables: tables.map((t, bi) => {
        const tat = `${at}.tables[${bi}]`;
        const rows = Array.isArray(t['rows']) ? (t['rows'] as Array<Record<string, unknown>>) : [];
        return {
          key: text(t['key'], `${tat}.key`),
          title: text(t['title'], `${tat}.title`),
          rows: rows.map((r, ri): TemplateRow => {
            const rat = `${tat}.rows[${ri}]`;
            const level = r['level'] === undefined ? 0 : Number(r['level']);
            if (!Number.isInteger(level) || level < 0 || level > 3)
              throw badInput(
                `Mẫu báo cáo: ${rat}.level phải từ 0 đến 3.`,
                [{ path: `${rat}.level`, message: '0 đến 3' }],
                'TEMPLATE_INVALID',
              );
            if (r['heading'] !== undefined)
              return { label: text(r['heading'], `${rat}.heading`), level, figure: null, group: null };
            const code = text(r['figure'], `${rat}.figure`);
            const figure = FIGURE_BY_CODE.get(code);
            if (!figure)
              throw badInput(
                `Mẫu báo cáo ${id}: bảng ${String(t['key'])} dùng chỉ số không tồn tại "${code}".`,
                [{ path: `${rat}.figure`, message: `chỉ số không tồn tại: ${code}` }],
                'UNKNOWN_FIGURE',
              );
            const group = r['group'] === undefined ? null : (r['group'] as FigureGroup);
            if (group !== null && !figure.groups?.includes(group))
              throw badInput(
                `Mẫu báo cáo ${id}: chỉ số "${code}" không phân nhóm được theo ${String(group)}.`,
                [{ path: `${rat}.group`, message: `không hỗ trợ ${String(group)}` }],
                'FIGURE_GROUP',
              );
            return { label: r['label'] === undefined ? figure.label : text(r['label'], `${rat}.label`), level, figure, group };
          }),
        };
      }),
    };
  });
  // Versions of one template must not overlap: a period's last day picks exactly one.
  const byCode = new Map<string, ReportTemplate[]>();
  for (const t of templates) byCode.set(t.code, [...(byCode.get(t.code) ?? []), t]);
  for (const [code, versions] of byCode) {
    const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1]!;
      if (prev.effectiveTo === null || prev.effectiveTo >= sorted[i]!.effectiveFrom)
        throw badInput(
          `Mẫu báo cáo ${code}: hai phiên bản ${prev.id} và ${sorted[i]!.id} cùng hiệu lực.`,
          [],
          'TEMPLATE_INVALID',
        );
    }
  }
  return Object.freeze(templates);
}

let cached: readonly ReportTemplate[] | undefined;
/** The templates of `data/report-templates.json`, checked once. */
export function defaultReportTemplates(): readonly ReportTemplate[] {
  return (cached ??= parseReportTemplates(templatesData));
}

/** The version of template `code` in force on `day`; NOT_FOUND-like BAD_USER_INPUT when none. */
export function templateOn(templates: readonly ReportTemplate[], code: string, day: string): ReportTemplate {
  const found = templates.find(
    (t) => t.code === code && t.effectiveFrom <= day && (t.effectiveTo === null || t.effectiveTo >= day),
  );
  if (!found) {
    const known = [...new Set(templates.map((t) => t.code))].join(', ');
    throw badInput(
      `Không có mẫu báo cáo "${code}" có hiệu lực vào ngày ${day} (các mẫu: ${known}).`,
      [{ path: 'template', message: 'mẫu không tồn tại hoặc chưa có hiệu lực' }],
      'UNKNOWN_TEMPLATE',
    );
  }
  return found;
}
