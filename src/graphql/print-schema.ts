import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printSchemaForClients(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema:emit\`; do not edit. A test fails when it is stale.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
