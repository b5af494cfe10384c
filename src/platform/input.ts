// Control characters never belong in a request's text: PostgreSQL refuses U+0000 outright (a 500
// deep in an INSERT) and the others (C0 except tab, newline and carriage return, plus DEL) only
// ever arrive from attacks or broken clients. One check at the edge covers every route.
import type { FastifyRequest } from 'fastify';
import { DomainError } from './errors.ts';
import type { App } from './app.types.ts';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The path (`body.items.0.name`) of the first string or key holding a control character, if any. */
export function findControlCharacter(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (CONTROL.test(key)) return path;
    const found = findControlCharacter(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

export function controlCharacterError(field: string): DomainError {
  return new DomainError('validation', 'REQUEST_CONTROL_CHARACTER', `${field} contains a control character (such as U+0000), which is not accepted`, { field });
}

/** preValidation: runs after the body is parsed and before any schema or handler sees it. */
export function registerInputChecks(app: App): void {
  app.addHook('preValidation', async (req: FastifyRequest) => {
    const field =
      findControlCharacter(req.params, 'params') ??
      findControlCharacter(req.query, 'query') ??
      findControlCharacter(req.body, 'body');
    if (field) throw controlCharacterError(field);
  });
}
