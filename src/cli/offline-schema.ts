import type { GraphQLSchema } from 'graphql';
import { createDataSource } from '../../ormconfig';
import { buildServices } from '../app';
import { loadConfig } from '../config/config';
import { buildAppSchema } from '../graphql/schema';

/** The schema the server would serve, built without connecting to a database. */
export async function schemaWithoutDatabase(): Promise<GraphQLSchema> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) });
  const dataSource = createDataSource({ url: 'postgres://offline@127.0.0.1:1/offline' });
  const secrets = {
    jwtSecret: 'x'.repeat(32),
    identityKeys: `offline:${Buffer.alloc(32).toString('base64')}`,
    receiptSecret: 'x'.repeat(32),
  };
  return buildAppSchema(buildServices(dataSource, config, secrets).container);
}
