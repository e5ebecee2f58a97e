import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { documentedMaximum } from '../../src/graphql/cost-limit';
import { todayInVietnam } from '../../src/common/validation';
import { Role } from '../../src/common/role.enum';

/** The committed contract: what frontend teams generate their code from. */
export function contractSchema(): GraphQLSchema {
  return buildSchema(readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8'));
}

/** A root field that returns a list, or a page of one (a size argument and a list inside). */
export interface ListField {
  name: string;
  field: GraphQLField<unknown, unknown>;
  /** The size argument (`first` or `count`) and its documented maximum. */
  size?: { arg: string; max: number };
  /** Pages with `after` and `pageInfo { hasNextPage endCursor }`. */
  paged: boolean;
}

const SIZE_ARGS = ['first', 'count'];

/** Every root query field returning a list or a page of one. */
export function listFields(schema: GraphQLSchema): ListField[] {
  const fields = Object.values(schema.getQueryType()!.getFields());
  return fields
    .filter((f) => isListType(getNullableType(f.type)) || f.args.some((a) => SIZE_ARGS.includes(a.name)))
    .map((field) => {
      const sizeArg = field.args.find((a) => SIZE_ARGS.includes(a.name));
      const max = sizeArg && documentedMaximum(sizeArg);
      if (sizeArg && max === undefined) throw new Error(`Query.${field.name}(${sizeArg.name}) documents no maximum ("1 to N")`);
      const named = getNamedType(field.type);
      const paged = field.args.some((a) => a.name === 'after') && isObjectType(named) && 'pageInfo' in named.getFields();
      return { name: field.name, field, size: sizeArg && { arg: sizeArg.name, max: max! }, paged };
    });
}

/** The role that may read a list whole (ADMIN reads the register, not the casework); the Inspection Committee otherwise. */
const LIST_READERS: Record<string, Role> = {
  accounts: Role.ADMIN,
  // The access log is for the chair of the Inspection Committee and the Standing Committee.
  identityAccessLog: Role.STANDING_COMMITTEE,
  // The retention review is for the chair of the Inspection Committee and ADMIN.
  reportsPastRetention: Role.ADMIN,
  retentionDestructions: Role.ADMIN,
};
export const readerOf = (list: Pick<ListField, 'name'>): Role => LIST_READERS[list.name] ?? Role.INSPECTION_COMMITTEE;

/** A value for a required argument with no default: this year, a window of days, an enum's first value. */
export function requiredValue(arg: GraphQLArgument): string {
  const type = getNamedType(arg.type);
  const today = todayInVietnam();
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (arg.name === 'year') return today.slice(0, 4);
  if (arg.name === 'from') return JSON.stringify(`${today.slice(0, 4)}-01-01`);
  if (arg.name === 'to') return JSON.stringify(today);
  // The public directory's name search: a word most Vietnamese registers hold.
  if (arg.name === 'search') return JSON.stringify('nguyen');
  // A periodic report's figure: the last quarter that has ended (the demo ward's reports are of
  // recent months), and its reports received.
  if (arg.name === 'period') {
    const q = Math.ceil(Number(today.slice(5, 7)) / 3) - 1;
    const year = Number(today.slice(0, 4)) - (q === 0 ? 1 : 0);
    return `{ kind: QUARTER, number: ${q === 0 ? 4 : q}, year: ${year} }`;
  }
  if (arg.name === 'template') return JSON.stringify('CITIZEN_RECEPTION_AND_REPORTS');
  if (arg.name === 'figure') return JSON.stringify('reports.received');
  throw new Error(`no value for the required argument ${arg.name}: ${String(arg.type)}`);
}

const needsArgs = (f: GraphQLField<unknown, unknown>) =>
  f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

/** Every scalar field of a type (those needing no argument); `__typename` when it has none. */
export function scalars(type: GraphQLNamedType): string {
  if (isUnionType(type)) return '__typename';
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const names = Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !needsArgs(f))
    .map((f) => f.name);
  return names.length ? names.join(' ') : '__typename';
}

/** Every scalar field of a type and one level of its object fields' scalar fields. */
export function nodeSelection(type: GraphQLNamedType): string {
  if (isUnionType(type))
    return type
      .getTypes()
      .map((m) => `... on ${m.name} { ${nodeSelection(m)} }`)
      .join(' ');
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const parts = [scalars(type)];
  for (const f of Object.values(type.getFields())) {
    const named = getNamedType(f.type);
    if (isLeafType(named) || needsArgs(f)) continue;
    parts.push(`${f.name} { ${scalars(named)} }`);
  }
  return parts.join(' ');
}

/**
 * The largest page a client may ask of a list field: its maximum size, `after: null`, every
 * scalar field of the item and one level of nested objects. `$after` is a variable so the same
 * document walks the list to its end.
 */
export function maxPageDocument(list: ListField): string {
  const args = list.field.args.flatMap((a) => {
    if (a.name === list.size?.arg) return [`${a.name}: ${list.size.max}`];
    if (a.name === 'after') return ['after: $after'];
    if (isNonNullType(a.type) && a.defaultValue === undefined) return [`${a.name}: ${requiredValue(a)}`];
    return [];
  });
  const named = getNamedType(list.field.type);
  let selection: string;
  if (list.paged && isObjectType(named)) {
    const conn = named.getFields();
    const inner = Object.values(conn).flatMap((f) => {
      const item = getNamedType(f.type);
      if (f.name === 'pageInfo') return ['pageInfo { hasNextPage endCursor }'];
      if (isLeafType(item)) return [f.name];
      if (f.name === 'edges' && isObjectType(item)) {
        const node = getNamedType(item.getFields()['node']!.type);
        return [`edges { ${scalars(item)} node { ${nodeSelection(node)} } }`];
      }
      // `nodes` beside `edges` repeats them; a page without edges lists its items here.
      if (f.name === 'nodes' && 'edges' in conn) return [];
      return [`${f.name} { ${nodeSelection(item)} }`];
    });
    selection = inner.join(' ');
  } else {
    selection = nodeSelection(named);
  }
  const head = list.paged ? `query MaxPage($after: String)` : `query MaxPage`;
  return `${head} { ${list.name}${args.length ? `(${args.join(', ')})` : ''} { ${selection} } }`;
}
