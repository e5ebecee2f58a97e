import type { GraphQLSchema } from 'graphql';
import { buildSchema, type ContainerType, type PubSub } from 'type-graphql';
import { assertEveryRootFieldDeclaresAccess } from './access';
import { authChecker } from './auth-checker';
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
 * type-graphql refuses to build subscriptions without a PubSub, even when every subscription
 * brings its own `subscribe` function (as ours do: presence streams from src/modules/board).
 * Nothing publishes through this one.
 */
const noPubSub: PubSub = {
  publish() {
    throw new Error('No PubSub: subscriptions declare their own subscribe function');
  },
  subscribe() {
    throw new Error('No PubSub: subscriptions declare their own subscribe function');
  },
};

export async function buildAppSchema(container: ResolverContainer): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: container.resolverClasses(),
    container,
    authChecker,
    validateFn: validateArgs,
    pubSub: noPubSub,
  });
  assertEveryRootFieldDeclaresAccess(schema);
  return schema;
}
