import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Change, ChangeType, CriticalityLevel, diff, DiffRule, type Rule } from '@graphql-inspector/core';
import { buildSchema, isInterfaceType, isObjectType } from 'graphql';

/**
 * The schema-diff check: schema/schema.graphql (what this commit serves) against
 * schema/release.graphql (what the last release served, the contract frontend teams built on).
 * A breaking change fails unless what it removes was deprecated in the release: a field, an
 * argument, an input field or an enum value is first marked `@deprecated(reason: …)` and
 * released, and removed in a later release. `npm run schema:release` copies the current schema
 * over the snapshot when a release is cut.
 *
 * A committed snapshot, rather than the schema of a git tag or of origin/main, because CI runs on
 * a fresh clone of main that has neither tags nor remotes.
 */

/** The repository: two folders up from src/cli, three from dist/src/cli. */
const root = [path.resolve(__dirname, '..', '..'), path.resolve(__dirname, '..', '..', '..')].find((dir) =>
  existsSync(path.join(dir, 'package.json')),
)!;
export const CURRENT_SCHEMA = path.join(root, 'schema', 'schema.graphql');
export const RELEASE_SCHEMA = path.join(root, 'schema', 'release.graphql');

export interface SchemaDiff {
  /** Breaking changes to what the release did not deprecate: these fail the check. */
  breaking: Change[];
  /** Removals of what the release deprecated, and other changes that may surprise a client. */
  dangerous: Change[];
  safe: Change[];
}

/**
 * GraphQL Inspector's suppressRemovalOfDeprecatedField covers fields, enum values and input
 * fields; an argument removed after its deprecation is the same case.
 */
const suppressRemovalOfDeprecatedArgument: Rule = ({ changes, oldSchema }) =>
  changes.map((change) => {
    if (change.type !== ChangeType.FieldArgumentRemoved || change.criticality.level !== CriticalityLevel.Breaking || !change.path)
      return change;
    const [typeName, fieldName, argName] = change.path.split('.');
    const type = oldSchema?.getType(typeName ?? '');
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName ?? ''] : undefined;
    const arg = field?.args.find((a) => a.name === argName);
    return arg?.deprecationReason
      ? { ...change, criticality: { ...change.criticality, level: CriticalityLevel.Dangerous } }
      : change;
  });

/** The changes from the released SDL to the current one, sorted by how they affect clients. */
export async function compareSchemas(releasedSdl: string, currentSdl: string): Promise<SchemaDiff> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl), [
    DiffRule.suppressRemovalOfDeprecatedField,
    suppressRemovalOfDeprecatedArgument,
  ]);
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  return {
    breaking: of(CriticalityLevel.Breaking),
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
  };
}

/** A readable report; its first line says whether the check passed. */
export function describeDiff(d: SchemaDiff, released = 'schema/release.graphql'): string {
  const line = (c: Change) =>
    `  - ${c.message}${c.path ? ` (${c.path})` : ''}${c.criticality.reason ? `: ${c.criticality.reason}` : ''}`;
  const out = [
    d.breaking.length
      ? `schema-diff: ${d.breaking.length} breaking change(s) to ${released} that were not deprecated first:`
      : `schema-diff: no breaking change against ${released} (${d.safe.length} safe, ${d.dangerous.length} to note).`,
    ...d.breaking.map(line),
  ];
  if (d.dangerous.length) out.push('To note (not failing):', ...d.dangerous.map(line));
  if (d.breaking.length) {
    out.push(
      'Deprecate instead: keep the field (argument, enum value, input field), add',
      '`deprecationReason: "Use … instead."` to its decorator, run `npm run schema:emit`, release it',
      '(`npm run schema:release`), and remove it in a later release. See docs/frontend.md.',
    );
  }
  return out.join('\n');
}

/** `schema-diff [released.graphql current.graphql]` exits 1 on a breaking change; `--release` takes a new snapshot. */
export async function main(args: string[], write: (s: string) => void = (s) => process.stdout.write(s)): Promise<number> {
  if (args[0] === '--release') {
    copyFileSync(CURRENT_SCHEMA, RELEASE_SCHEMA);
    write(`schema-diff: schema/release.graphql is now the current schema\n`);
    return 0;
  }
  const [released = RELEASE_SCHEMA, current = CURRENT_SCHEMA] = args;
  const d = await compareSchemas(readFileSync(released, 'utf8'), readFileSync(current, 'utf8'));
  write(`${describeDiff(d, path.relative(process.cwd(), released))}\n`);
  return d.breaking.length ? 1 : 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
