import { createRoute } from '@hono/zod-openapi';
import type { RouteConfig } from '@hono/zod-openapi';
import { zApiError } from '../contracts/index.js';
import { guard } from './auth.js';
import type { Access } from './auth.js';

/** A JSON body or reply of a schema, as a route declares it. */
export const json = <S>(schema: S) => ({ content: { 'application/json': { schema } } });
/** A JSON request body the route requires. */
export const body = <S>(schema: S) => ({ required: true, ...json(schema) });

/** The OpenAPI extension naming who may call a route; the route-walk test reads it. */
export const ACCESS_KEY = 'x-wathiq-access';

const problem = (description: string) => ({
  description,
  content: { 'application/json': { schema: zApiError } },
});

type Declared<R extends RouteConfig> = R & { [ACCESS_KEY]: Access };

/**
 * A route as the API declares it: who may call it (checked before anything
 * else, and published), and the refusals every such route may answer.
 */
export function declare<R extends Omit<RouteConfig, 'middleware'>>(
  access: Access,
  route: R,
): Declared<R & { middleware: ReturnType<typeof guard> }> {
  const hasParams = /\{\w+\}/.test(route.path);
  // A role below the route's refuses with 403, and so does a change without its CSRF token.
  const refusable = (access !== 'public' && access !== 'read') || route.method !== 'get';
  const responses = {
    ...route.responses,
    400: problem('The request is not valid: the message names the field and the problem'),
    ...(access === 'public' ? {} : { 401: problem('Nobody is signed in') }),
    ...(refusable
      ? { 403: problem('The role may not do this, or the CSRF token is missing') }
      : {}),
    ...(hasParams ? { 404: problem('No such thing, or one this role may not see') } : {}),
  };
  return createRoute({ ...route, responses, middleware: guard(access), [ACCESS_KEY]: access });
}
