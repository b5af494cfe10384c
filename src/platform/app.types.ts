// The Fastify instance type every route plugin receives (TypeBox schemas as its type provider).
// Kept apart from http.ts so the plugins http.ts registers can name it without a cycle.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Logger } from 'pino';

export type App = FastifyInstance<any, any, any, Logger, TypeBoxTypeProvider>;
