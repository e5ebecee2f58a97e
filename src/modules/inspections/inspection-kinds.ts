import { Field, ObjectType } from 'type-graphql';
import { badInput } from '../../common/errors';
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
export function parseInspectionKinds(data: unknown): readonly InspectionKind[] {
  const kinds = (data as { kinds?: unknown }).kinds;
  if (!Array.isArray(kinds) || kinds.length === 0) throw new Error('inspection kinds: "kinds" must be a non-empty array');
  const seen = new Set<string>();
  return Object.freeze(
    kinds.map((k: Record<string, unknown>, i) => {
      const where = `inspection kinds: kinds[${i}]`;
      if (typeof k['code'] !== 'string' || !/^[A-Z_]+$/.test(k['code']))
        throw new Error(`${where}.code must be UPPER_SNAKE text`);
      if (seen.has(k['code'])) throw new Error(`${where}.code ${k['code']} is a duplicate`);
      seen.add(k['code']);
      if (typeof k['name'] !== 'string' || !k['name'].trim()) throw new Error(`${where}.name must be non-empty text`);
      if (typeof k['supervision'] !== 'boolean') throw new Error(`${where}.supervision must be true or false`);
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
