import { getNamedType, GraphQLID, type GraphQLSchema } from 'graphql';
import { type FieldProblem, invalidInput } from '../common/errors';
import { UUID_TEXT } from '../common/validation';

/**
 * Makes every `ID` argument of a Query or Mutation field a UUID, checked before the resolver as
 * GraphQL checks types: a malformed id is BAD_USER_INPUT naming the argument, never a PostgreSQL
 * cast error (an internal one) in whatever query it reaches first. Arguments of an `@ArgsType`
 * class check the same with class-validator; scalar `@Arg`s of type ID had no check at all.
 * Only the fields with such arguments are wrapped: other resolvers pay nothing.
 */
export function requireUuidIdArguments(schema: GraphQLSchema): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      const ids = field.args.filter((a) => getNamedType(a.type) === GraphQLID).map((a) => a.name);
      const resolve = field.resolve;
      if (!ids.length || !resolve) continue;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        const problems: FieldProblem[] = [];
        for (const name of ids) {
          const value = args[name];
          const values = value == null ? [] : Array.isArray(value) ? value : [value];
          if (values.some((v) => typeof v !== 'string' || !UUID_TEXT.test(v)))
            problems.push({ path: name, message: `${name} must be a UUID` });
        }
        if (problems.length) throw invalidInput(problems);
        return resolve(source, args, context, info);
      };
    }
  }
}
