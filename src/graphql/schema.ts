import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import { assertEveryRootFieldDeclaresAccess } from './access';
import { authChecker } from './auth-checker';
import { requireUuidIdArguments } from './id-arguments';
import { leanFieldResolvers } from './lean-field-resolvers';
import { assertNoFieldAuthorization } from './simple-resolvers';
import { validateArgs } from './validate-args';

/** Resolver instances built by the composition root, handed to type-graphql as its container. */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<Function, unknown>();

  register<T extends object>(instance: T): this {
    this.instances.set(instance.constructor, instance);
    return this;
  }

  get(someClass: Function): unknown {
    const instance = this.instances.get(someClass);
    if (!instance) throw new Error(`No instance registered for ${someClass.name}`);
    return instance;
  }

  resolverClasses(): [Function, ...Function[]] {
    const classes = [...this.instances.keys()];
    if (!classes.length) throw new Error('No resolvers registered');
    return classes as [Function, ...Function[]];
  }
}

/**
 * type-graphql insists on a PubSub once any subscription exists, even when every subscription
 * brings its own `subscribe` function, as ours do (the board's fan-out in src/events/fan-out.ts, presence in src/modules/board):
 * topics are not used, and one that is tried fails loudly.
 */
const NO_TOPICS: PubSub = {
  publish() {
    throw new Error('Subscriptions here use subscribe functions, not pubSub topics');
  },
  subscribe() {
    throw new Error('Subscriptions here use subscribe functions, not pubSub topics');
  },
};

export async function buildAppSchema(container: ResolverContainer, pubSub: PubSub = NO_TOPICS): Promise<GraphQLSchema> {
  assertNoFieldAuthorization();
  const schema = await buildSchema({
    resolvers: container.resolverClasses(),
    container,
    pubSub,
    authChecker,
    validateFn: validateArgs,
    // No globalMiddlewares: leanFieldResolvers relies on it (a global middleware would have to run per field).
  });
  leanFieldResolvers(schema, container);
  assertEveryRootFieldDeclaresAccess(schema);
  requireUuidIdArguments(schema);
  return schema;
}
