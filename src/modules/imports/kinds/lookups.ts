import type { EntityManager } from 'typeorm';
import { Cadre } from '../../cadres/cadre.entity';
import { normalizeName } from '../../cadres/cadres.service';
import { date, text } from '../cells';
import type { ColumnSpec } from '../import-kind';
import { PERSON_NAME } from '../../../common/validation';

/** Natural key of a cadre: the name as stored (case ignored) and the date of birth. */
export const cadreKey = (fullName: string, dateOfBirth: string) => `${normalizeName(fullName).toLowerCase()}|${dateOfBirth}`;

/** The register's cadres with these names and dates of birth, by {@link cadreKey} (two or more: the register has a duplicate). */
export async function cadresByKey(
  manager: EntityManager,
  people: ReadonlyArray<{ fullName: string; dateOfBirth: string }>,
): Promise<Map<string, Cadre[]>> {
  const found = new Map<string, Cadre[]>();
  if (!people.length) return found;
  // The keys as one pair of array parameters: no limit on the row count from bind parameters.
  const rows = await manager
    .createQueryBuilder(Cadre, 'c')
    .where('(lower(c.full_name), c.date_of_birth) IN (SELECT * FROM unnest(CAST(:names AS text[]), CAST(:dobs AS date[])))', {
      names: people.map((p) => normalizeName(p.fullName).toLowerCase()),
      dobs: people.map((p) => p.dateOfBirth),
    })
    .getMany();
  for (const c of rows) {
    const k = cadreKey(c.fullName, c.dateOfBirth);
    found.set(k, [...(found.get(k) ?? []), c]);
  }
  return found;
}

/** The columns that name a cadre of the register in the quality imports: full name and date of birth. */
export function cadreColumns<R extends { fullName: string; dateOfBirth: string }>(): Array<ColumnSpec<R>> {
  return [
    {
      key: 'fullName' as keyof R & string,
      header: 'Họ và tên',
      aliases: ['Họ tên', 'Họ và tên cán bộ'],
      required: true,
      hint: 'họ tên cán bộ như trong hồ sơ',
      parse: text({
        required: true,
        maxLength: 120,
        pattern: PERSON_NAME,
        patternMessage: 'họ tên chỉ gồm chữ cái (có dấu) và khoảng trắng',
      }),
    },
    {
      key: 'dateOfBirth' as keyof R & string,
      header: 'Ngày sinh',
      required: true,
      hint: 'dd/mm/yyyy, để phân biệt người trùng tên',
      parse: date({ required: true }),
    },
  ];
}

/** The one cadre a row names, or the problem to report on its name. */
export function oneCadre(
  found: Map<string, Cadre[]>,
  fullName: string,
  dateOfBirth: string,
): { cadre: Cadre } | { problem: string } {
  const matches = found.get(cadreKey(fullName, dateOfBirth)) ?? [];
  if (!matches.length)
    return { problem: `không có cán bộ "${fullName}" sinh ngày ${dateOfBirth.split('-').reverse().join('/')} trong hồ sơ` };
  if (matches.length > 1)
    return { problem: `hồ sơ có ${matches.length} cán bộ cùng họ tên và ngày sinh; sửa hồ sơ trước khi nhập` };
  return { cadre: matches[0]! };
}
