import 'reflect-metadata';
import { RuleDataError } from '../../common/rule-data-error';
import { inspectionKinds, parseInspectionKinds } from './inspection-kinds';

describe('inspection kinds data', () => {
  it('reads the kinds shipped in data/inspection-kinds.json', () => {
    expect(inspectionKinds().length).toBeGreaterThan(0);
    expect(inspectionKinds().some((k) => k.supervision)).toBe(true);
  });

  it.each([
    [{}, 'kinds', 'LIST_EMPTY'],
    [{ kinds: [{ code: 'lower', name: 'x', supervision: false }] }, 'kinds[0].code', 'CODE_FORMAT'],
    [
      {
        kinds: [
          { code: 'A', name: 'x', supervision: false },
          { code: 'A', name: 'y', supervision: true },
        ],
      },
      'kinds[1].code',
      'DUPLICATE_CODE',
    ],
    [{ kinds: [{ code: 'A', name: ' ', supervision: false }] }, 'kinds[0].name', 'TEXT_REQUIRED'],
    [{ kinds: [{ code: 'A', name: 'x', supervision: 'yes' }] }, 'kinds[0].supervision', 'NOT_BOOLEAN'],
  ])('refuses %j in Vietnamese, naming the path and a stable code', (data, path, code) => {
    let error: unknown;
    try {
      parseInspectionKinds(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleDataError);
    expect(error).toMatchObject({ path, code });
    expect((error as Error).message).toMatch(/^loại hình kiểm tra, giám sát: /);
  });
});
