import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ServiceError } from '../service/index.js';
import type { ServiceProblem } from '../service/index.js';

/** The one shape of every refusal: a code, a message naming the field and the problem, the field. */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const STATUS: Readonly<Record<ServiceProblem, ContentfulStatusCode>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

export function problemBody(
  code: string,
  message: string,
  field: string | null,
): { error: { code: string; message: string; field: string | null } } {
  return { error: { code, message, field } };
}

/** An error as the API answers it; anything unforeseen is a 500 whose details stay in the log. */
export function problemOf(error: unknown): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  // Hono's own refusals (a body that is not JSON) are the client's error, told as such.
  if (error instanceof HTTPException && error.status < 500)
    return new HttpProblem(error.status, 'invalid', `request body: ${error.message}`);
  if (error instanceof ServiceError)
    return new HttpProblem(STATUS[error.problem], error.problem, error.message, error.field);
  return null;
}

export function sendProblem(c: Context, problem: HttpProblem): Response {
  for (const [name, value] of Object.entries(problem.headers)) c.header(name, value);
  return c.json(problemBody(problem.code, problem.message, problem.field), problem.status);
}

export const unauthenticated = (): HttpProblem =>
  new HttpProblem(
    401,
    'unauthenticated',
    'sign in first (POST /api/session), or send a bearer token',
  );
