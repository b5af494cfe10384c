// A module is one plain value: its name, the modules it needs, its migrations, events, errors,
// how to build its service from the platform and those services, and the routes, jobs and
// event consumers it brings. src/modules.ts lists them in order and everything central (the
// services, the migrations, the jobs, the consumers, the HTTP app) is folded from that list; a
// module's table types join the database type from its own *.table.ts (see platform/db.ts), and
// its `tables` set is all its service's pool can query (see platform/tables.ts).
// Plain values and functions you can grep: no container, no decorators.
import { modulePlatform, type ModulePlatform, type Platform, type PlatformServices } from './context.ts';
import type { Consumer, EventDefinition, EventType, OutboxEvent, EventPayload } from './events.ts';
import type { ErrorDefinitions } from './errors.ts';
import type { JobHandler } from './jobs.ts';
import type { NamedMigration } from './migrations.ts';
import type { App } from './http.ts';
import type { Database } from './db.ts';
import type { AnyExecutor, TableSet } from './tables.ts';
import type { PersonalData } from './personal-data.ts';

export type RoutePlugin = (app: App) => Promise<void>;

/** Where a module's routes mount: `api` under /api/v1, `admin` under /api/v1/admin (operators only), `root` at /. */
export interface ModuleRoutes {
  api?: RoutePlugin;
  admin?: RoutePlugin;
  root?: RoutePlugin;
}


export interface FissionModule<Name extends string = string, Service = unknown, Deps = any, RouteDeps = {}, Tables = any> {
  readonly name: Name;
  /** The tables it owns, the only ones its code can query (`noTables` for a workflow that owns none). */
  readonly tables: TableSet<Tables>;
  /** The modules whose services this one calls (they come earlier in src/modules.ts). */
  readonly needs: readonly (keyof Deps & string)[];
  /** Modules only its routes call; they may come later in the list (routes are built last). */
  readonly routeNeeds: readonly (keyof RouteDeps & string)[];
  readonly migrations: readonly NamedMigration[];
  readonly events: readonly EventDefinition[];
  readonly errors: ErrorDefinitions;
  create(platform: ModulePlatform<Tables>, deps: Deps): Service;
  routes?(service: Service, deps: Deps & RouteDeps, platform: PlatformServices): ModuleRoutes;
  jobs?(service: Service, deps: Deps): Record<string, JobHandler>;
  consumers?(service: Service, deps: Deps): Consumer[];
  /** Which of its tables hold rows about a person, for export and erasure (platform/personal-data.ts). */
  personalData?(service: Service): PersonalData<Tables>;
}

export interface ModuleSpec<Name extends string, Service, Deps, RouteDeps, Tables> {
  name: Name;
  /** Its table set (`ownTables<XTables>({...})` in its *.table.ts): `create` gets a pool that sees only these. */
  tables: TableSet<Tables>;
  needs?: readonly (keyof Deps & string)[];
  routeNeeds?: readonly (keyof RouteDeps & string)[];
  migrations?: readonly NamedMigration[];
  events?: readonly EventDefinition[];
  errors?: ErrorDefinitions;
  create(platform: ModulePlatform<Tables>, deps: Deps): Service;
  routes?(service: Service, deps: Deps & RouteDeps, platform: PlatformServices): ModuleRoutes;
  jobs?(service: Service, deps: Deps): Record<string, JobHandler>;
  consumers?(service: Service, deps: Deps): Consumer[];
  personalData?(service: Service): PersonalData<Tables>;
}

export function defineModule<Name extends string, Service, Deps = {}, RouteDeps = {}, Tables = {}>(
  spec: ModuleSpec<Name, Service, Deps, RouteDeps, Tables>,
): FissionModule<Name, Service, Deps, RouteDeps, Tables> {
  return { needs: [], routeNeeds: [], migrations: [], events: [], errors: {}, ...spec };
}

/** Build a module's service from the platform it may see (src/services.ts folds the module list with this). */
export function createModuleService(m: FissionModule<string, unknown, any, any, any>, platform: Platform, deps: unknown): unknown {
  return m.create(modulePlatform(platform, m.tables), deps);
}

/**
 * A typed event consumer: the handler's event carries the payload declared for its type. The
 * handler passes the transaction to its module's service, which narrows it to its own tables.
 */
export function on<T extends EventType>(
  types: T | readonly T[],
  name: string,
  handle: (trx: AnyExecutor, event: OutboxEvent<EventPayload<T>>) => Promise<void>,
): Consumer {
  const list: readonly string[] = typeof types === 'string' ? [types] : types;
  return { name, types: [...list], handle: handle as Consumer['handle'] };
}

export type ServiceOf<M> = M extends FissionModule<string, infer S, any, any, any> ? S : never;
export type DepsOf<M> = M extends FissionModule<string, any, infer D, infer R, any> ? D & R : never;
