import { z } from 'zod';
import { idSchema, lineText } from './common.ts';

export const accountRoleSchema = z.enum(['admin', 'user']);
export const groupRoleSchema = z.enum(['facilitator', 'member']);

/** Logins are typed on phones and laptops alike: lower case letters, digits and . _ - */
export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,60}$/, 'must be 2 to 60 letters, digits, dots, dashes or underscores');
/** Long enough to withstand guessing; a passphrase is welcome, so the cap is generous. */
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const accountSchema = z.object({
  id: idSchema,
  login: z.string(),
  name: z.string(),
  role: accountRoleSchema,
  disabled: z.boolean(),
});

export const sessionSchema = z.object({
  /** Null when nobody is logged in in this browser. */
  user: accountSchema.nullable(),
  /** To send in the `x-dilna-csrf` header with every change made through the session. */
  csrfToken: z.string().nullable(),
});

export const loginBody = z.object({ login: z.string().trim().toLowerCase().max(60), password: z.string().max(200) });
export const changePasswordBody = z.object({ currentPassword: z.string().max(200), newPassword: passwordSchema });

export const createAccountBody = z.object({
  login: loginSchema,
  name: lineText(120),
  role: accountRoleSchema.default('user'),
  password: passwordSchema,
});
export const updateAccountBody = z
  .object({ name: lineText(120), role: accountRoleSchema, disabled: z.boolean(), password: passwordSchema })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

export const groupMemberSchema = z.object({
  userId: idSchema,
  login: z.string(),
  name: z.string(),
  role: groupRoleSchema,
});
export const setGroupMemberBody = z.object({ role: groupRoleSchema });

export type AccountRole = z.infer<typeof accountRoleSchema>;
export type GroupRole = z.infer<typeof groupRoleSchema>;
export type Account = z.infer<typeof accountSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type LoginBody = z.input<typeof loginBody>;
export type CreateAccountBody = z.input<typeof createAccountBody>;
export type UpdateAccountBody = z.input<typeof updateAccountBody>;
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const SESSION_COOKIE = 'dilna_session';
