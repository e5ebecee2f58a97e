import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compareSchemas, CURRENT_SCHEMA, main, RELEASE_SCHEMA } from './schema-diff';

const released = `
type Query {
  """A cadre."""
  cadre(id: ID!, withHistory: Boolean @deprecated(reason: "Use history.")): Cadre
  unit(id: ID!, legacy: Boolean): String
}
type Cadre {
  id: ID!
  fullName: String!
  oldName: String @deprecated(reason: "Use fullName.")
  gender: Gender
}
enum Gender { MALE FEMALE OTHER @deprecated(reason: "Not in the register.") }
`;

/** Runs the CLI on two SDL texts written to files, as CI runs it. */
async function run(before: string, after: string): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'schema-diff-'));
  writeFileSync(path.join(dir, 'release.graphql'), before);
  writeFileSync(path.join(dir, 'schema.graphql'), after);
  let out = '';
  const code = await main([path.join(dir, 'release.graphql'), path.join(dir, 'schema.graphql')], (s) => (out += s));
  return { code, out };
}

describe('schema-diff', () => {
  it('fails on a field removed without a deprecation first, naming it and saying how to deprecate', async () => {
    const { code, out } = await run(released, released.replace('  gender: Gender\n', ''));
    expect(code).toBe(1);
    expect(out).toMatch(/1 breaking change/);
    expect(out).toMatch(/Cadre\.gender/);
    expect(out).toMatch(/deprecationReason/);
  });

  it('passes a field, an argument and an enum value removed after a release that deprecated them', async () => {
    const after = released
      .replace('  oldName: String @deprecated(reason: "Use fullName.")\n', '')
      .replace(', withHistory: Boolean @deprecated(reason: "Use history.")', '')
      .replace(' OTHER @deprecated(reason: "Not in the register.")', '');
    const { code, out } = await run(released, after);
    expect(code).toBe(0);
    expect(out).toMatch(/no breaking change/);
    const d = await compareSchemas(released, after);
    expect(d.dangerous.map((c) => c.path).sort()).toEqual(['Gender.OTHER', 'Query.cadre.withHistory', 'Cadre.oldName'].sort());
  });

  it('passes an added field, type and optional argument', async () => {
    const after = released
      .replace('  gender: Gender\n', '  gender: Gender\n  """New."""\n  partyMember: Boolean\n')
      .replace('unit(id: ID!, legacy: Boolean)', 'unit(id: ID!, legacy: Boolean, withChildren: Boolean)')
      .concat('\ntype Extra { id: ID! }\n');
    expect((await run(released, after)).code).toBe(0);
  });

  it('fails on an argument removed undeprecated, a new required argument and a type change', async () => {
    const after = released
      .replace('unit(id: ID!, legacy: Boolean)', 'unit(id: ID!, year: Int!)')
      .replace('fullName: String!', 'fullName: Int!');
    const d = await compareSchemas(released, after);
    expect(d.breaking.map((c) => c.path).sort()).toEqual(['Cadre.fullName', 'Query.unit.legacy', 'Query.unit.year']);
  });

  it('passes on the committed schema against the committed release snapshot', async () => {
    let out = '';
    expect(await main([RELEASE_SCHEMA, CURRENT_SCHEMA], (s) => (out += s))).toBe(0);
    expect(out).toMatch(/no breaking change/);
  });
});
