// A module is one plain value: its name, the modules it needs, its migrations, events, errors,
// how to build its service from the platform and those services, and the routes, jobs and
// event consumers it brings. src/modules.ts lists them in order and everything central (the
// services, the migrations, the jobs, the consumers, the HTTP app) is folded from that list; a
// module's table types join the database type from its own *.table.ts (see platform/db.ts).
// Plain values and functions you can grep: no container, no decorators.
import type { Transaction } from 'kysely';
import type { Platform } from './context.ts';
import type { Consumer, EventDefinition, EventType, OutboxEvent, EventPayload } from './events.ts';
import type { ErrorDefinitions } from './errors.ts';
import type { JobHandler } from './jobs.ts';
import type { NamedMigration } from './migrations.ts';
import type { App } from './http.ts';
import type { Database } from './db.ts';

export type RoutePlugin = (app: App) => Promise<void>;

/** Where a module's routes mount: `api` under /api/v1, `admin` under /api/v1/admin (operators only), `root` at /. */
export interface ModuleRoutes {
  api?: RoutePlugin;
  admin?: RoutePlugin;
  root?: RoutePlugin;
}

export interface FissionModule<Name extends string = string, Service = unknown, Deps = any, RouteDeps = {}> {
  readonly name: Name;
  /** The modules whose services this one calls (they come earlier in src/modules.ts). */
  readonly needs: readonly (keyof Deps & string)[];
  /** Modules only its routes call; they may come later in the list (routes are built last). */
  readonly routeNeeds: readonly (keyof RouteDeps & string)[];
  readonly migrations: readonly NamedMigration[];
  readonly events: readonly EventDefinition[];
  readonly errors: ErrorDefinitions;
  create(platform: Platform, deps: Deps): Service;
  routes?(service: Service, deps: Deps & RouteDeps, platform: Platform): ModuleRoutes;
  jobs?(service: Service, deps: Deps): Record<string, JobHandler>;
  consumers?(service: Service, deps: Deps): Consumer[];
}

export interface ModuleSpec<Name extends string, Service, Deps, RouteDeps> {
  name: Name;
  needs?: readonly (keyof Deps & string)[];
  routeNeeds?: readonly (keyof RouteDeps & string)[];
  migrations?: readonly NamedMigration[];
  events?: readonly EventDefinition[];
  errors?: ErrorDefinitions;
  create(platform: Platform, deps: Deps): Service;
  routes?(service: Service, deps: Deps & RouteDeps, platform: Platform): ModuleRoutes;
  jobs?(service: Service, deps: Deps): Record<string, JobHandler>;
  consumers?(service: Service, deps: Deps): Consumer[];
}

export function defineModule<Name extends string, Service, Deps = {}, RouteDeps = {}>(
  spec: ModuleSpec<Name, Service, Deps, RouteDeps>,
): FissionModule<Name, Service, Deps, RouteDeps> {
  return { needs: [], routeNeeds: [], migrations: [], events: [], errors: {}, ...spec };
}

/** A typed event consumer: the handler's event carries the payload declared for its type. */
export function on<T extends EventType>(
  types: T | readonly T[],
  name: string,
  handle: (trx: Transaction<Database>, event: OutboxEvent<EventPayload<T>>) => Promise<void>,
): Consumer {
  const list: readonly string[] = typeof types === 'string' ? [types] : types;
  return { name, types: [...list], handle: handle as Consumer['handle'] };
}

export type ServiceOf<M> = M extends FissionModule<string, infer S, any, any> ? S : never;
export type DepsOf<M> = M extends FissionModule<string, any, infer D, infer R> ? D & R : never;
