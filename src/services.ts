// The composition root for domain services, folded from the module list: each module's service
// is built from the platform and the services it needs; then its jobs and event consumers are
// registered. Order and dependencies are checked at start-up (and at compile time in modules.ts).
import type { Platform } from './platform/context.ts';
import { createModuleService } from './platform/module.ts';
import { moduleList, type Services } from './modules.ts';
import { platformPersonalData } from './platform/personal-data.ts';
import { platformTables } from './platform/platform.table.ts';

export type { Services } from './modules.ts';

export function pickServices(services: Record<string, unknown>, names: readonly string[], forModule: string): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in services)) throw new Error(`module ${forModule} needs ${name}, which is not built before it (check the order in src/modules.ts)`);
    picked[name] = services[name];
  }
  return picked;
}

export function buildServices(platform: Platform): Services {
  const services: Record<string, unknown> = {};
  for (const m of moduleList) {
    if (m.name in services) throw new Error(`module ${m.name} is listed twice`);
    // A module that declares its tables gets a pool that sees only those (platform/tables.ts).
    services[m.name] = createModuleService(m, platform, pickServices(services, m.needs, m.name));
  }
  for (const m of moduleList) {
    const deps = pickServices(services, m.needs, m.name);
    for (const [kind, handler] of Object.entries(m.jobs?.(services[m.name], deps) ?? {})) platform.jobs.register(kind, handler);
    for (const consumer of m.consumers?.(services[m.name], deps) ?? []) platform.events.subscribe(consumer);
    const personalData = m.personalData?.(services[m.name]);
    if (personalData) platform.personalData.register(m.name, m.tables, personalData);
  }
  platform.personalData.register('platform', platformTables, platformPersonalData(platform.pii));
  // The fold above built exactly one service per listed module, under its name.
  return services as Services;
}
