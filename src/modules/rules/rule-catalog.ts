import type { EntityManager } from 'typeorm';
import type { Logger } from '../../common/logger';
import disciplineRulesData from '../discipline/data/discipline-rules.json';
import { type DisciplineRuleSet, parseDisciplineRuleSets } from '../discipline/discipline-rules';
import deadlineRulesData from '../reports/data/deadline-rules.json';
import vnHolidays from '../reports/data/vn-holidays.json';
import { parseRuleSets, type RuleSet } from '../reports/deadline-rules';
import { HolidayCalendar } from '../reports/legal-calendar';
import retentionRulesData from '../reports/data/retention-rules.json';
import { parseRetentionRuleSets, type RetentionRuleSet } from '../reports/retention-rules';
import { RuleDataKind } from './rule-data.entity';

/** What each kind of rule data parses to. */
export interface ParsedRuleData {
  [RuleDataKind.DEADLINE_RULES]: readonly RuleSet[];
  [RuleDataKind.HOLIDAY_CALENDAR]: HolidayCalendar;
  [RuleDataKind.DISCIPLINE_RULES]: readonly DisciplineRuleSet[];
  [RuleDataKind.RETENTION_RULES]: readonly RetentionRuleSet[];
}

type Doc = Record<string, unknown>;

/** The bundled files, seeded as version 1 of each kind; their path is the seed's reason. */
export const BUNDLED_RULE_DATA: Record<RuleDataKind, { file: string; data: Doc }> = {
  [RuleDataKind.DEADLINE_RULES]: { file: 'src/modules/reports/data/deadline-rules.json', data: deadlineRulesData as Doc },
  [RuleDataKind.HOLIDAY_CALENDAR]: { file: 'src/modules/reports/data/vn-holidays.json', data: vnHolidays as Doc },
  [RuleDataKind.DISCIPLINE_RULES]: {
    file: 'src/modules/discipline/data/discipline-rules.json',
    data: disciplineRulesData as Doc,
  },
  [RuleDataKind.RETENTION_RULES]: { file: 'src/modules/reports/data/retention-rules.json', data: retentionRulesData as Doc },
};

/** Checks a document of a kind and builds what the services use; throws an Error naming the path of the problem. */
export function parseRuleData<K extends RuleDataKind>(kind: K, data: unknown, label: string): ParsedRuleData[K] {
  switch (kind) {
    case RuleDataKind.DEADLINE_RULES:
      return parseRuleSets(data, label) as ParsedRuleData[K];
    case RuleDataKind.HOLIDAY_CALENDAR:
      return HolidayCalendar.fromData(data, { label }) as ParsedRuleData[K];
    case RuleDataKind.DISCIPLINE_RULES:
      return parseDisciplineRuleSets(data, label) as ParsedRuleData[K];
    case RuleDataKind.RETENTION_RULES:
      return parseRetentionRuleSets(data, label) as unknown as ParsedRuleData[K];
  }
  throw new Error(`unknown rule data kind ${String(kind)}`);
}

interface Entry<K extends RuleDataKind> {
  version: number;
  data: Doc;
  parsed: ParsedRuleData[K];
}

const KINDS = Object.values(RuleDataKind);

/**
 * The rule data the services read, in memory: every version of every kind that this process has
 * seen, parsed once (a lookup is a map read, never a query), and which version is current.
 *
 * Before {@link RuleCatalog.refresh} has run (schema emission, the demo generator, unit tests),
 * the current version is the bundled file. The current version moves when a change commits in
 * this process (the rules service refreshes after commit) or in another one (its DATA_CHANGED
 * outbox row reaches this process through the event feed, which calls {@link RuleCatalog.refresh}).
 */
export class RuleCatalog {
  private readonly versions = new Map<RuleDataKind, Map<number, Entry<RuleDataKind>>>();
  private readonly current = new Map<RuleDataKind, Entry<RuleDataKind>>();
  private refreshing: Promise<void> | undefined;
  private again = false;
  /** The newest version of each kind read from the database. */
  private readonly read = new Map<RuleDataKind, number>();

  constructor(private readonly logger?: Logger) {
    for (const kind of KINDS) {
      const bundled = BUNDLED_RULE_DATA[kind];
      const entry: Entry<RuleDataKind> = {
        version: 1,
        data: bundled.data,
        parsed: parseRuleData(kind, bundled.data, bundled.file),
      };
      this.versions.set(kind, new Map([[1, entry]]));
      this.current.set(kind, entry);
    }
  }

  /** The deadline rule sets now in force (all of them, each with its effective date). */
  deadlineRuleSets(): readonly RuleSet[] {
    return this.currentOf(RuleDataKind.DEADLINE_RULES).parsed;
  }

  /** The holiday calendar now in force. */
  holidayCalendar(): HolidayCalendar {
    return this.currentOf(RuleDataKind.HOLIDAY_CALENDAR).parsed;
  }

  /** The discipline rule sets now in force. */
  disciplineRuleSets(): readonly DisciplineRuleSet[] {
    return this.currentOf(RuleDataKind.DISCIPLINE_RULES).parsed;
  }

  /** The retention rule sets now in force, and the version they come from. */
  retentionRuleSets(): { version: number; sets: readonly RetentionRuleSet[] } {
    const e = this.currentOf(RuleDataKind.RETENTION_RULES);
    return { version: e.version, sets: e.parsed };
  }

  /** The current version of a kind, with its document. */
  currentOf<K extends RuleDataKind>(kind: K): Entry<K> {
    return this.current.get(kind) as unknown as Entry<K>;
  }

  /**
   * Writes version 1 of every kind from the bundled files when the database has none yet:
   * idempotent, and safe when several instances start at once (the primary key keeps one).
   */
  async seed(manager: EntityManager): Promise<void> {
    for (const kind of KINDS) {
      const { file, data } = BUNDLED_RULE_DATA[kind];
      await manager.query(
        `INSERT INTO rule_data_version (kind, version, data, reason, summary)
         SELECT $1, 1, $2::jsonb, $3, $4
          WHERE NOT EXISTS (SELECT 1 FROM rule_data_version WHERE kind = $1)
         ON CONFLICT DO NOTHING`,
        [kind, JSON.stringify(data), `Khởi tạo từ tệp ${file}`, 'dữ liệu ban đầu'],
      );
    }
  }

  /**
   * Reads the versions this process has not seen yet and makes the newest of each kind current.
   * Concurrent calls share one read (and a call during a read reads once more after it).
   */
  refresh(manager: EntityManager): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.again = false;
          await this.readNew(manager);
        } while (this.again);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private async readNew(manager: EntityManager): Promise<void> {
    // Read from the database: until the first read, nothing (the bundled version 1 is a stand-in).
    const seen = Object.fromEntries(KINDS.map((k) => [k, this.read.get(k) ?? 0]));
    const rows: Array<{ kind: RuleDataKind; version: number; data: Doc }> = await manager.query(
      `SELECT kind, version, data FROM rule_data_version
        WHERE version > COALESCE(($1::jsonb ->> kind::text)::int, 0)
        ORDER BY kind, version`,
      [JSON.stringify(seen)],
    );
    for (const row of rows) {
      this.read.set(row.kind, Math.max(row.version, this.read.get(row.kind) ?? 0));
      let parsed: ParsedRuleData[RuleDataKind];
      try {
        parsed = parseRuleData(row.kind, row.data, `rule_data_version ${row.kind} v${row.version}`);
      } catch (err) {
        // Every version was checked before it was written; a row edited by hand is left out, loudly.
        this.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'rule data version refused');
        continue;
      }
      const entry = { version: row.version, data: row.data, parsed };
      this.versions.get(row.kind)!.set(row.version, entry);
      if (row.version >= this.current.get(row.kind)!.version) this.current.set(row.kind, entry);
    }
  }
}
