import { RuleDataError } from '../../common/rule-data-error';
import { AppError, ErrorCode } from '../../common/errors';
import rulesData from './data/deadline-rules.json';
import {
  defaultRuleSets,
  dueDate,
  parseRuleSets,
  REPORT_KINDS,
  ruleSetInForce,
  validateExtension,
  type DeadlineInput,
  type RuleSet,
} from './deadline-rules';
import { defaultHolidayCalendar } from './legal-calendar';

const cal = defaultHolidayCalendar();
const sets = defaultRuleSets();

function thrownBy(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

/** A copy of the JSON data to break in one place. */
function data(): { ruleSets: Record<string, unknown>[] } {
  return JSON.parse(JSON.stringify(rulesData)) as { ruleSets: Record<string, unknown>[] };
}

const due = (input: DeadlineInput, ruleSets: readonly RuleSet[] = sets) => dueDate(input, ruleSets, cal);

describe('the rule set in force', () => {
  it('is the one with the latest effectiveFrom on or before the Vietnamese day', () => {
    expect(ruleSetInForce('2025-07-01', sets).id).toBe('vn-2025-07');
    expect(ruleSetInForce('2026-06-30', sets).id).toBe('vn-2025-07');
    expect(ruleSetInForce('2026-07-01', sets).id).toBe('vn-2026-07');
    expect(ruleSetInForce('2027-05-01', sets).id).toBe('vn-2026-07');
    // 2026-06-30T17:00Z is already 1 July in Vietnam
    expect(ruleSetInForce(new Date('2026-06-30T17:00:00Z'), sets).id).toBe('vn-2026-07');
    expect(ruleSetInForce(new Date('2026-06-30T16:59:59Z'), sets).id).toBe('vn-2025-07');
  });

  it('does not depend on the order the sets are given in', () => {
    expect(ruleSetInForce('2026-08-01', [...sets].reverse()).id).toBe('vn-2026-07');
  });

  it('refuses a day before any set took effect', () => {
    expect(() => ruleSetInForce('2025-06-30', sets)).toThrow(
      'Ngày 2025-06-30 chưa có bộ quy tắc thời hạn nào có hiệu lực; bộ sớm nhất có hiệu lực từ 2025-07-01',
    );
    expect(() => ruleSetInForce('2026-01-01', [])).toThrow(/\(chưa nạp bộ nào\)/);
  });
});

describe('the default rule data', () => {
  it('loads frozen and ordered by effective date', () => {
    expect(sets.map((s) => s.id)).toEqual(['vn-2025-07', 'vn-2026-07']);
    expect(Object.isFrozen(sets)).toBe(true);
    expect(Object.isFrozen(sets[0]?.rules.COMPLAINT?.RESOLUTION)).toBe(true);
  });

  it('flags the unconfirmed 2026 shortening and every rule that comes from the ward process rather than the law', () => {
    const [s2025, s2026] = sets;
    expect(s2026?.unsure).toBe(true);
    expect(s2026?.rules.COMPLAINT?.ACCEPTANCE).toMatchObject({ days: 7, unit: 'WORKING', unsure: true });
    expect(s2025?.rules.COMPLAINT?.ACCEPTANCE).toMatchObject({ days: 10, unit: 'WORKING' });
    for (const set of sets) {
      for (const kind of ['PETITION', 'FEEDBACK'] as const) {
        for (const rule of Object.values(set.rules[kind] ?? {}))
          expect(rule).toMatchObject({ unsure: true, note: expect.any(String) });
      }
      expect(set.rules.FEEDBACK?.RESOLUTION).toMatchObject({ days: 15, unit: 'WORKING' });
      for (const byStage of Object.values(set.rules)) {
        for (const rule of Object.values(byStage)) if (rule.unsure) expect(rule.note).toEqual(expect.any(String));
      }
      for (const kind of REPORT_KINDS) expect(Object.keys(set.rules[kind] ?? {}).length).toBeGreaterThan(0);
    }
  });

  it('encodes the statutory numbers', () => {
    for (const set of sets) {
      expect(set.rules.COMPLAINT?.RESOLUTION).toMatchObject({
        days: 30,
        unit: 'CALENDAR',
        from: 'STAGE_START',
        complexDays: 45,
        remote: { days: 45, complexDays: 60 },
      });
      expect(set.rules.DENUNCIATION?.ACCEPTANCE).toMatchObject({ days: 7, unit: 'WORKING', from: 'RECEIPT', complexDays: 10 });
      expect(set.rules.DENUNCIATION?.TRANSFER).toMatchObject({ days: 5, unit: 'WORKING', from: 'RECEIPT' });
      expect(set.rules.DENUNCIATION?.RESOLUTION).toMatchObject({
        days: 30,
        unit: 'CALENDAR',
        extensions: { complex: { maxExtensions: 1, maxDaysEach: 30 }, especiallyComplex: { maxExtensions: 2, maxDaysEach: 30 } },
      });
      expect(set.rules.PRESS?.PRESS_REPLY).toMatchObject({
        days: 30,
        unit: 'CALENDAR',
        from: 'RECEIPT',
        citation: expect.stringMatching(/Báo chí 2016, Điều 39/),
      });
      expect(set.calendarDeadlineOnDayOff).toBe('NEXT_WORKING_DAY');
    }
  });
});

describe('validating rule data', () => {
  const cases: [string, (d: ReturnType<typeof data>) => void, RegExp][] = [
    ['an empty list', (d) => (d.ruleSets = []), /^t\.json: ruleSets: phải là một danh sách có ít nhất một bộ quy tắc$/],
    ['a bad id', (d) => (d.ruleSets[0]!['id'] = 'VN 2025'), /ruleSets\[0\] \(VN 2025\)\.id: phải là một mã ngắn viết thường/],
    [
      'an impossible date',
      (d) => (d.ruleSets[1]!['effectiveFrom'] = '2026-02-30'),
      /ruleSets\[1\] \(vn-2026-07\)\.effectiveFrom: phải là một ngày có thật/,
    ],
    ['a duplicate id', (d) => (d.ruleSets[1]!['id'] = 'vn-2025-07'), /ruleSets \(vn-2025-07\): mã bộ quy tắc bị dùng hai lần/],
    [
      'two sets on one day',
      (d) => (d.ruleSets[1]!['effectiveFrom'] = '2025-07-01'),
      /có hiệu lực từ 2025-07-01 giống bộ vn-2025-07: không xác định được bộ nào áp dụng/,
    ],
    ['a missing source', (d) => delete d.ruleSets[0]!['source'], /ruleSets\[0\] \(vn-2025-07\): thiếu trường bắt buộc "source"/],
    [
      'a misspelt kind',
      (d) => ((d.ruleSets[0]!['rules'] as Record<string, unknown>)['COMPLAINTS'] = {}),
      /ruleSets\[0\] \(vn-2025-07\)\.rules: trường "COMPLAINTS" không có trong mẫu/,
    ],
    [
      'a misspelt field',
      (d) => (rule(d, 1, 'COMPLAINT', 'ACCEPTANCE')['dayz'] = 7),
      /rules\.COMPLAINT\.ACCEPTANCE: trường "dayz" không có trong mẫu/,
    ],
    [
      'zero days',
      (d) => (rule(d, 1, 'COMPLAINT', 'ACCEPTANCE')['days'] = 0),
      /ruleSets\[1\] \(vn-2026-07\)\.rules\.COMPLAINT\.ACCEPTANCE\.days: phải là số ngày nguyên từ 1 đến 366/,
    ],
    [
      'fractional days',
      (d) => (rule(d, 0, 'PRESS', 'PRESS_REPLY')['days'] = 29.5),
      /PRESS\.PRESS_REPLY\.days: phải là số ngày nguyên/,
    ],
    [
      'a bad unit',
      (d) => (rule(d, 0, 'PRESS', 'PRESS_REPLY')['unit'] = 'DAYS'),
      /PRESS\.PRESS_REPLY\.unit: phải là một trong các giá trị: WORKING, CALENDAR/,
    ],
    [
      'a bad start',
      (d) => (rule(d, 0, 'PRESS', 'PRESS_REPLY')['from'] = 'PUBLICATION'),
      /PRESS_REPLY\.from: phải là một trong các giá trị: RECEIPT, STAGE_START/,
    ],
    [
      'no citation',
      (d) => delete rule(d, 0, 'PRESS', 'PRESS_REPLY')['citation'],
      /PRESS\.PRESS_REPLY: thiếu trường bắt buộc "citation"/,
    ],
    [
      'a complex period shorter than the normal one',
      (d) => (rule(d, 0, 'COMPLAINT', 'RESOLUTION')['complexDays'] = 20),
      /RESOLUTION\.complexDays: không được ngắn hơn days \(30 ngày\)/,
    ],
    [
      'a remote period shorter than the normal one',
      (d) => (rule(d, 0, 'COMPLAINT', 'RESOLUTION')['remote'] = { days: 20 }),
      /RESOLUTION\.remote\.days: không được ngắn hơn/,
    ],
    [
      'an empty extensions entry',
      (d) => (rule(d, 0, 'DENUNCIATION', 'RESOLUTION')['extensions'] = {}),
      /DENUNCIATION\.RESOLUTION\.extensions: không nêu mức gia hạn nào/,
    ],
    [
      'zero extensions allowed',
      (d) => (rule(d, 0, 'DENUNCIATION', 'RESOLUTION')['extensions'] = { complex: { maxExtensions: 0, maxDaysEach: 30 } }),
      /extensions\.complex\.maxExtensions: phải là số nguyên từ 1 đến 10/,
    ],
    [
      'a bad day-off policy',
      (d) => (d.ruleSets[0]!['calendarDeadlineOnDayOff'] = 'ROLL'),
      /calendarDeadlineOnDayOff: phải là một trong các giá trị: KEEP, NEXT_WORKING_DAY/,
    ],
    [
      'unsure as text',
      (d) => (d.ruleSets[0]!['unsure'] = 'no'),
      /ruleSets\[0\] \(vn-2025-07\)\.unsure: phải là true \(đúng\) hoặc false \(sai\)/,
    ],
  ];
  it.each(cases)('refuses %s with a message naming the entry', (_name, breakIt, message) => {
    const d = data();
    breakIt(d);
    expect(() => parseRuleSets(d, 't.json')).toThrow(message);
  });

  it('names the broken rule with a stable code and the path apart, for a script that words its own', () => {
    const d = data();
    rule(d, 1, 'COMPLAINT', 'ACCEPTANCE')['days'] = 0;
    const e = (() => {
      try {
        parseRuleSets(d, 't.json');
      } catch (err) {
        return err;
      }
      throw new Error('not refused');
    })();
    expect(e).toBeInstanceOf(RuleDataError);
    expect(e).toMatchObject({
      code: 'DAYS_OUT_OF_RANGE',
      path: 'ruleSets[1] (vn-2026-07).rules.COMPLAINT.ACCEPTANCE.days',
      problem: 'phải là số ngày nguyên từ 1 đến 366',
    });
  });

  it('accepts the data unchanged', () => {
    expect(parseRuleSets(data(), 't.json')).toHaveLength(2);
  });
});

function rule(d: ReturnType<typeof data>, set: number, kind: string, stage: string): Record<string, unknown> {
  return (
    (d.ruleSets[set]!['rules'] as Record<string, Record<string, unknown>>)[kind] as Record<string, Record<string, unknown>>
  )[stage]!;
}

describe('complaint deadlines', () => {
  it('accepts within 10 working days of the Vietnamese day of receipt, ending at 23:59:59.999+07:00', () => {
    // received Friday 2026-03-06 23:30Z = Saturday 7/3 in Vietnam
    const d = due({ kind: 'COMPLAINT', stage: 'ACCEPTANCE', receivedAt: new Date('2026-03-06T23:30:00Z') });
    expect(d).toMatchObject({ dueOn: '2026-03-20', startedOn: '2026-03-07', ruleSetId: 'vn-2025-07', periodDays: 10 });
    expect(d.dueAt.toISOString()).toBe('2026-03-20T16:59:59.999Z');
    expect(d.rule.citation).toMatch(/Điều 27/);
  });

  it('applies the 7-working-day rule to complaints received from 1 July 2026 and leaves earlier ones on 10', () => {
    const before = due({ kind: 'COMPLAINT', stage: 'ACCEPTANCE', receivedAt: new Date('2026-06-30T16:59:00Z') });
    const after = due({ kind: 'COMPLAINT', stage: 'ACCEPTANCE', receivedAt: new Date('2026-06-30T17:00:00Z') });
    expect(before).toMatchObject({ ruleSetId: 'vn-2025-07', startedOn: '2026-06-30', dueOn: '2026-07-14' });
    expect(after).toMatchObject({ ruleSetId: 'vn-2026-07', startedOn: '2026-07-01', dueOn: '2026-07-10' });
  });

  it('keeps the rule set a report recorded, whatever set is in force on its day of receipt now', () => {
    const kept = due({ kind: 'COMPLAINT', stage: 'ACCEPTANCE', receivedAt: '2026-07-01', ruleSetId: 'vn-2025-07' });
    expect(kept).toMatchObject({ ruleSetId: 'vn-2025-07', dueOn: '2026-07-15', periodDays: 10 });
    // An id no set has (data edited by hand) falls back to the set in force.
    expect(due({ kind: 'COMPLAINT', stage: 'ACCEPTANCE', receivedAt: '2026-07-01', ruleSetId: 'gone' })).toMatchObject({
      ruleSetId: 'vn-2026-07',
    });
  });

  it('resolves within 30 days of acceptance, 45 when complex, 45/60 in remote areas', () => {
    const base: DeadlineInput = {
      kind: 'COMPLAINT',
      stage: 'RESOLUTION',
      receivedAt: '2026-03-02',
      stageStartedAt: '2026-03-10',
    };
    expect(due(base)).toMatchObject({ dueOn: '2026-04-09', periodDays: 30, baseDueOn: '2026-04-09', extensionDays: 0 });
    expect(due({ ...base, complexity: 'COMPLEX' })).toMatchObject({ dueOn: '2026-04-24', periodDays: 45 });
    expect(due({ ...base, complexity: 'ESPECIALLY_COMPLEX' })).toMatchObject({ dueOn: '2026-04-24', periodDays: 45 });
    expect(due({ ...base, remote: true })).toMatchObject({ dueOn: '2026-04-24', periodDays: 45 });
    // 60 days after 10/3 is Saturday 9/5: the period ends on Monday 11/5
    expect(due({ ...base, remote: true, complexity: 'COMPLEX' })).toMatchObject({ dueOn: '2026-05-11', periodDays: 60 });
  });

  it('moves a calendar-day deadline that falls in the Tết break to the first working day after it', () => {
    const d = due({ kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: '2026-01-05', stageStartedAt: '2026-01-15' });
    expect(d.dueOn).toBe('2026-02-23');
    expect(d.dueAt.toISOString()).toBe('2026-02-23T16:59:59.999Z');
  });

  it('keeps a calendar-day deadline on a day off when the rule set says KEEP', () => {
    const keep = parseRuleSets({ ruleSets: [{ ...data().ruleSets[0], calendarDeadlineOnDayOff: 'KEEP' }] });
    expect(
      due({ kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: '2026-01-05', stageStartedAt: '2026-01-15' }, keep).dueOn,
    ).toBe('2026-02-14');
  });

  it('needs the start of a stage counted from it, and refuses one before receipt', () => {
    const noStart = thrownBy(() => due({ kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: '2026-03-02' }));
    expect(noStart.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(noStart.message).toMatch(/tính từ ngày bắt đầu bước xử lý: hãy nêu stageStartedAt/);
    expect(() => due({ kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: '2026-03-02', stageStartedAt: '2026-03-01' })).toThrow(
      'Bước giải quyết không thể bắt đầu ngày 2026-03-01, trước ngày nhận đơn 2026-03-02',
    );
  });

  it('refuses a stage the rule set has no deadline for, naming what it has', () => {
    const e = thrownBy(() => due({ kind: 'PRESS', stage: 'ACCEPTANCE', receivedAt: '2026-03-02' }));
    expect(e.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(e.message).toBe(
      'Bộ quy tắc vn-2025-07 không có thời hạn thụ lý (ACCEPTANCE) cho vụ việc báo chí nêu (PRESS) (bộ này có: PRESS_REPLY)',
    );
    expect(() => due({ kind: 'COMPLAINT', stage: 'TRANSFER', receivedAt: '2026-08-02' })).toThrow(
      /vn-2026-07 không có thời hạn chuyển đơn \(TRANSFER\) cho đơn khiếu nại/,
    );
  });

  it('refuses any extension of a complaint deadline', () => {
    const e = thrownBy(() =>
      validateExtension(
        { kind: 'COMPLAINT', stage: 'RESOLUTION', receivedAt: '2026-03-02', stageStartedAt: '2026-03-10', complexity: 'COMPLEX' },
        { decidedAt: '2026-04-01', days: 10 },
        sets,
        cal,
      ),
    );
    expect(e.code).toBe(ErrorCode.CONFLICT);
    expect(e.message).toBe(
      'Lần gia hạn 1: quy định thời hạn giải quyết đơn khiếu nại của bộ quy tắc vn-2025-07 (Luật Khiếu nại 2011, Điều 28 (giải quyết lần đầu)) không cho phép gia hạn; thời hạn vẫn là ngày 2026-04-24',
    );
  });
});

describe('denunciation deadlines', () => {
  it('classifies within 7 working days, 10 when checks are needed, and forwards within 5', () => {
    // received on Friday 13/2/2026, the last working day before Tết
    expect(due({ kind: 'DENUNCIATION', stage: 'ACCEPTANCE', receivedAt: '2026-02-13' }).dueOn).toBe('2026-03-03');
    expect(due({ kind: 'DENUNCIATION', stage: 'ACCEPTANCE', receivedAt: '2026-02-13', complexity: 'COMPLEX' }).dueOn).toBe(
      '2026-03-06',
    );
    expect(due({ kind: 'DENUNCIATION', stage: 'TRANSFER', receivedAt: '2026-02-13' }).dueOn).toBe('2026-02-27');
  });

  const resolution: DeadlineInput = {
    kind: 'DENUNCIATION',
    stage: 'RESOLUTION',
    receivedAt: '2026-03-02',
    stageStartedAt: '2026-03-10',
  };

  it('resolves within 30 days of acceptance; complexity alone does not lengthen it', () => {
    expect(due(resolution).dueOn).toBe('2026-04-09');
    expect(due({ ...resolution, complexity: 'ESPECIALLY_COMPLEX' }).dueOn).toBe('2026-04-09');
  });

  it('extends an especially complex case twice, each from the deadline in force', () => {
    const input: DeadlineInput = {
      ...resolution,
      complexity: 'ESPECIALLY_COMPLEX',
      extensions: [{ decidedAt: new Date('2026-04-01T03:00:00Z'), days: 30, decisionNo: '12/QĐ-UBND' }],
    };
    // 9/4 + 30 = Saturday 9/5 → Monday 11/5
    expect(due(input)).toMatchObject({ dueOn: '2026-05-11', baseDueOn: '2026-04-09', extensionDays: 30 });
    // the second decision is signed on the last day of the first extension
    const second = validateExtension(input, { decidedAt: '2026-05-11', days: 30 }, sets, cal);
    expect(second).toMatchObject({ dueOn: '2026-06-10', extensionDays: 60 });
    expect(second.dueAt.toISOString()).toBe('2026-06-10T16:59:59.999Z');
    // a shorter extension is fine
    expect(validateExtension(input, { decidedAt: '2026-05-04', days: 10 }, sets, cal).dueOn).toBe('2026-05-21');
  });

  it('extends a complex case once', () => {
    expect(
      validateExtension({ ...resolution, complexity: 'COMPLEX' }, { decidedAt: '2026-04-09', days: 30 }, sets, cal).dueOn,
    ).toBe('2026-05-11');
    const e = thrownBy(() =>
      validateExtension(
        { ...resolution, complexity: 'COMPLEX', extensions: [{ decidedAt: '2026-04-09', days: 30 }] },
        { decidedAt: '2026-05-04', days: 15, decisionNo: '40/QĐ-UBND' },
        sets,
        cal,
      ),
    );
    expect(e.code).toBe(ErrorCode.CONFLICT);
    expect(e.message).toBe(
      'Lần gia hạn 2 (quyết định số 40/QĐ-UBND): quy định thời hạn giải quyết đơn tố cáo của bộ quy tắc vn-2025-07 (Luật Tố cáo 2018, Điều 30) ' +
        'chỉ cho gia hạn vụ việc phức tạp tối đa 1 lần; thời hạn đã được gia hạn đến ngày 2026-05-11 bằng 1 quyết định',
    );
    expect(e.details).toMatchObject({ maxExtensions: 1, complexity: 'COMPLEX' });
  });

  it('refuses a third extension of an especially complex case (90 days at most)', () => {
    const e = thrownBy(() =>
      validateExtension(
        {
          ...resolution,
          complexity: 'ESPECIALLY_COMPLEX',
          extensions: [
            { decidedAt: '2026-04-01', days: 30 },
            { decidedAt: '2026-05-04', days: 30 },
          ],
        },
        { decidedAt: '2026-06-01', days: 1 },
        sets,
        cal,
      ),
    );
    expect(e.code).toBe(ErrorCode.CONFLICT);
    expect(e.message).toMatch(
      /chỉ cho gia hạn vụ việc đặc biệt phức tạp tối đa 2 lần; thời hạn đã được gia hạn đến ngày 2026-06-10 bằng 2 quyết định/,
    );
  });

  it('refuses to extend an ordinary case', () => {
    const e = thrownBy(() => validateExtension(resolution, { decidedAt: '2026-04-01', days: 30 }, sets, cal));
    expect(e.code).toBe(ErrorCode.CONFLICT);
    expect(e.message).toBe(
      'Lần gia hạn 1: quy định thời hạn giải quyết đơn tố cáo của bộ quy tắc vn-2025-07 (Luật Tố cáo 2018, Điều 30) chỉ cho gia hạn ' +
        'vụ việc phức tạp 1 lần, mỗi lần không quá 30 ngày và vụ việc đặc biệt phức tạp 2 lần, mỗi lần không quá 30 ngày; vụ việc này là vụ việc thông thường (ORDINARY)',
    );
  });

  it('refuses an extension longer than 30 days, or not a whole positive number of days', () => {
    const input = { ...resolution, complexity: 'ESPECIALLY_COMPLEX' as const };
    const long = thrownBy(() => validateExtension(input, { decidedAt: '2026-04-01', days: 31 }, sets, cal));
    expect(long.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(long.message).toBe(
      'Lần gia hạn 1: 31 ngày dài hơn mức 30 ngày mỗi lần mà quy định thời hạn giải quyết đơn tố cáo của bộ quy tắc vn-2025-07 (Luật Tố cáo 2018, Điều 30) cho phép với vụ việc đặc biệt phức tạp; thời hạn vẫn là ngày 2026-04-09',
    );
    expect(long.details).toEqual({
      fields: [{ path: 'extensions.0.days', message: 'tối đa là 30', code: 'TOO_LARGE' }],
      reason: 'EXTENSION_TOO_LONG',
    });
    for (const days of [0, -5, 2.5, Number.NaN]) {
      expect(() => validateExtension(input, { decidedAt: '2026-04-01', days }, sets, cal)).toThrow(
        /số ngày gia hạn phải là số nguyên, ít nhất 1 ngày/,
      );
    }
  });

  it('refuses an extension decided after the deadline had passed, naming both days', () => {
    const input = { ...resolution, complexity: 'COMPLEX' as const };
    // decided at 00:30 on 10/4 in Vietnam, half an hour after the deadline of 9/4
    const e = thrownBy(() => validateExtension(input, { decidedAt: new Date('2026-04-09T17:30:00Z'), days: 30 }, sets, cal));
    expect(e.code).toBe(ErrorCode.CONFLICT);
    expect(e.message).toBe(
      'Lần gia hạn 1: quyết định ngày 2026-04-10, sau khi thời hạn ngày 2026-04-09 đã hết; chỉ được gia hạn trước khi hết hạn',
    );
    // 23:59 on 9/4 in Vietnam is still in time
    expect(validateExtension(input, { decidedAt: new Date('2026-04-09T16:59:00Z'), days: 30 }, sets, cal).dueOn).toBe(
      '2026-05-11',
    );
  });

  it('refuses an extension dated before the stage started, and extensions out of order', () => {
    const input = { ...resolution, complexity: 'ESPECIALLY_COMPLEX' as const };
    expect(() => validateExtension(input, { decidedAt: '2026-03-09', days: 30 }, sets, cal)).toThrow(
      'Lần gia hạn 1: quyết định ngày 2026-03-09, trước khi bước giải quyết bắt đầu ngày 2026-03-10',
    );
    expect(() =>
      validateExtension(
        { ...input, extensions: [{ decidedAt: '2026-04-05', days: 30 }] },
        { decidedAt: '2026-04-01', days: 30 },
        sets,
        cal,
      ),
    ).toThrow(
      /Lần gia hạn 2: quyết định ngày 2026-04-01, trước lần gia hạn trước đó \(2026-04-05\); hãy liệt kê các lần gia hạn theo thứ tự thời gian/,
    );
  });

  it('checks extensions already stored when computing the due date', () => {
    expect(() => due({ ...resolution, extensions: [{ decidedAt: '2026-04-01', days: 30 }] })).toThrow(
      /vụ việc này là vụ việc thông thường \(ORDINARY\)/,
    );
  });
});

describe('press, petition and feedback deadlines', () => {
  it('replies to the press within 30 days of the request, moved past the National Day holiday', () => {
    // 3/8/2026 + 30 = Wednesday 2/9/2026 (Quốc khánh) → Thursday 3/9
    expect(due({ kind: 'PRESS', stage: 'PRESS_REPLY', receivedAt: '2026-08-03' })).toMatchObject({
      dueOn: '2026-09-03',
      periodDays: 30,
    });
    expect(() =>
      validateExtension(
        { kind: 'PRESS', stage: 'PRESS_REPLY', receivedAt: '2026-08-03', complexity: 'ESPECIALLY_COMPLEX' },
        { decidedAt: '2026-08-10', days: 5 },
        sets,
        cal,
      ),
    ).toThrow(
      /quy định thời hạn trả lời báo chí vụ việc báo chí nêu của bộ quy tắc vn-2026-07 \(Luật Báo chí 2016, Điều 39\) không cho phép gia hạn/,
    );
  });

  it('answers feedback within 15 working days of acceptance (ward process) and petitions within 30 days', () => {
    const f = due({ kind: 'FEEDBACK', stage: 'RESOLUTION', receivedAt: '2026-03-02', stageStartedAt: '2026-03-09' });
    expect(f).toMatchObject({ dueOn: '2026-03-30', rule: { unsure: true } });
    expect(due({ kind: 'PETITION', stage: 'RESOLUTION', receivedAt: '2026-03-02', stageStartedAt: '2026-03-10' }).dueOn).toBe(
      '2026-04-09',
    );
    expect(due({ kind: 'PETITION', stage: 'ACCEPTANCE', receivedAt: '2026-03-02' }).dueOn).toBe('2026-03-16');
  });
});

describe('adding a rule set', () => {
  it('changes the due dates of reports received from its effective date only', () => {
    const d = data();
    const shorter = JSON.parse(JSON.stringify(d.ruleSets[1])) as Record<string, unknown> & {
      rules: { DENUNCIATION: { RESOLUTION: { days: number } } };
    };
    shorter['id'] = 'vn-2026-10-test';
    shorter['effectiveFrom'] = '2026-10-01';
    shorter.rules.DENUNCIATION.RESOLUTION.days = 20;
    const extended = parseRuleSets({ ruleSets: [...d.ruleSets, shorter] });
    const input: DeadlineInput = {
      kind: 'DENUNCIATION',
      stage: 'RESOLUTION',
      receivedAt: '2026-09-30',
      stageStartedAt: '2026-10-05',
    };
    expect(due(input, extended)).toMatchObject({ ruleSetId: 'vn-2026-07', dueOn: '2026-11-04', periodDays: 30 });
    expect(due(input, sets)).toMatchObject({ ruleSetId: 'vn-2026-07', dueOn: '2026-11-04' });
    expect(due({ ...input, receivedAt: '2026-10-01' }, extended)).toMatchObject({
      ruleSetId: 'vn-2026-10-test',
      dueOn: '2026-10-26',
      periodDays: 20,
    });
  });
});
