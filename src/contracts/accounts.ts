import { z } from 'zod';
import { ROLES } from './values.js';

/** What a person may do (ROLES). */
export const zRole = z.enum(ROLES).meta({ id: 'Role' });
export type Role = z.infer<typeof zRole>;

/** A sign-in name: letters, digits, `.`, `_` and `-`, as a person types it. */
export const zUserName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, underscore or dash only');

export const zUser = z
  .object({
    name: z.string(),
    role: zRole,
    disabled: z.boolean(),
    /** Signs in with a second factor (a TOTP code). */
    totp: z.boolean(),
    /** An admin requires a second factor of this user (the setting require_totp: of everyone). */
    require_totp: z.boolean(),
    created_at: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof zUser>;

/** A script's key: its secret is shown once, at creation, and stored only as a hash. */
export const zToken = z
  .object({
    id: z.string(),
    name: z.string(),
    user: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: 'Token' });
export type Token = z.infer<typeof zToken>;
