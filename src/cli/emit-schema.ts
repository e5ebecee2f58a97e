import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchemaForClients } from '../graphql/print-schema';
import { schemaWithoutDatabase } from './offline-schema';

/** Writes schema/schema.graphql, the contract frontend teams read. */
async function main() {
  const file = path.resolve(__dirname, '..', '..', '..', 'schema', 'schema.graphql');
  writeFileSync(file, printSchemaForClients(await schemaWithoutDatabase()));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}

void main();
