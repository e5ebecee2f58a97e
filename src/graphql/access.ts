import { Authorized, Extensions } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Role } from '../common/role.enum';

/** `extensions.access` on a root field: who may call it. Every root field must declare one. */
export type Access = 'public' | 'signed-in' | Role[];

type MethodDecorator = (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => void;

/** Open to callers without an account. Use only where a feature says so. */
export function Public(): MethodDecorator {
  return (target, key, descriptor) => {
    Extensions({ access: 'public' })(target, key, descriptor as never);
  };
}

/** Any signed-in account, or (with roles) only accounts of these roles. */
export function Allow(...roles: Role[]): MethodDecorator {
  return (target, key, descriptor) => {
    Extensions({ access: roles.length ? roles : 'signed-in' })(target, key, descriptor as never);
    (roles.length ? Authorized(...roles) : Authorized())(target, key, descriptor as never);
  };
}

/**
 * Deny by default, checked when the schema is built: a Query, Mutation or Subscription field
 * that declares neither `@Public()` nor `@Allow(...)` stops the server from starting.
 */
export function assertEveryRootFieldDeclaresAccess(schema: GraphQLSchema): void {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const missing: string[] = [];
  for (const root of roots) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.extensions?.['access'] === undefined) missing.push(`${root.name}.${field.name}`);
    }
  }
  if (missing.length) {
    throw new Error(`Root fields without @Public() or @Allow(...): ${missing.join(', ')}`);
  }
}
