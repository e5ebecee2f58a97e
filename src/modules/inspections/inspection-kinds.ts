import { Field, ObjectType } from 'type-graphql';
import { badInput } from '../../common/errors';
import { RuleDataError } from '../../common/rule-data-error';
import kindsData from './data/inspection-kinds.json';

/** One kind of inspection or supervision, from `data/inspection-kinds.json`. */
@ObjectType({
  description: 'A kind of inspection or supervision (loại hình kiểm tra, giám sát), kept as data (Quy định 296-QĐ/TW).',
})
export class InspectionKind {
  @Field({ description: 'Code used in `Inspection.kind`.' })
  code!: string;

  @Field({ description: 'Vietnamese name, for the board.' })
  name!: string;

  @Field({ description: 'true for a supervision (giám sát), false for an inspection (kiểm tra).' })
  supervision!: boolean;

  @Field({ description: 'What it is.' })
  description!: string;
}

/** Checks the kinds data; a problem names the offending entry. */
export function parseInspectionKinds(data: unknown, label = 'loại hình kiểm tra, giám sát'): readonly InspectionKind[] {
  const fail = (where: string, code: string, msg: string) => new RuleDataError(label, where, code, msg);
  const kinds = (data as { kinds?: unknown }).kinds;
  if (!Array.isArray(kinds) || kinds.length === 0)
    throw fail('kinds', 'LIST_EMPTY', 'phải là một danh sách có ít nhất một loại hình');
  const seen = new Set<string>();
  return Object.freeze(
    kinds.map((k: Record<string, unknown>, i) => {
      const where = `kinds[${i}]`;
      if (typeof k['code'] !== 'string' || !/^[A-Z_]+$/.test(k['code']))
        throw fail(`${where}.code`, 'CODE_FORMAT', 'phải là chữ in hoa nối bằng dấu gạch dưới (UPPER_SNAKE)');
      if (seen.has(k['code'])) throw fail(`${where}.code`, 'DUPLICATE_CODE', `mã ${k['code']} bị dùng hai lần`);
      seen.add(k['code']);
      if (typeof k['name'] !== 'string' || !k['name'].trim())
        throw fail(`${where}.name`, 'TEXT_REQUIRED', 'phải là một đoạn chữ, không để trống');
      if (typeof k['supervision'] !== 'boolean')
        throw fail(`${where}.supervision`, 'NOT_BOOLEAN', 'phải là true (đúng) hoặc false (sai)');
      return Object.freeze(
        Object.assign(new InspectionKind(), {
          code: k['code'],
          name: k['name'],
          supervision: k['supervision'],
          description: String(k['description'] ?? ''),
        }),
      );
    }),
  );
}

let cached: readonly InspectionKind[] | undefined;
export function inspectionKinds(): readonly InspectionKind[] {
  cached ??= parseInspectionKinds(kindsData);
  return cached;
}

/** The kind with this code, or BAD_USER_INPUT listing the codes in the data. */
export function assertInspectionKind(code: string, path = 'input.kind'): InspectionKind {
  const kind = inspectionKinds().find((k) => k.code === code);
  if (!kind) {
    const codes = inspectionKinds()
      .map((k) => k.code)
      .join(', ');
    throw badInput(
      `Không có loại kiểm tra, giám sát ${code}; các loại: ${codes}`,
      [{ path, message: `một trong ${codes}` }],
      'UNKNOWN_INSPECTION_KIND',
    );
  }
  return kind;
}
