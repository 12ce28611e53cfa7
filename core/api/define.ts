import * as z from 'zod';
import { invalidArgument } from '../errors.ts';

/** Turns zod's issues into one readable line naming each bad field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.length ? i.path.join('.') : 'arguments';
      return `${field}: ${i.message}`;
    })
    .join('; ');
}

/**
 * A service method: validates its one argument object against `schema` before `fn` runs,
 * so bad input is refused with a typed InvalidArgument error and never reaches the store.
 */
export function method<S extends z.ZodType, R>(schema: S, fn: (args: z.output<S>) => R) {
  return (args?: z.input<S>): R => {
    const parsed = schema.safeParse(args ?? {});
    if (!parsed.success) throw invalidArgument(describeIssues(parsed.error));
    return fn(parsed.data);
  };
}

export const id = z.number().int().positive();
export const noArgs = z.strictObject({});
