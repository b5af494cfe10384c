// The export's zip: a readme, then one JSON file per table that holds data about the person.
import { strToU8, zipSync } from 'fflate';
import { exportReadme } from './privacy.rules.ts';

export function buildExportZip(input: { userId: string; generatedAt: Date; policyVersion: string; data: Record<string, Record<string, Record<string, unknown>[]>> }): { zip: Uint8Array; counts: Record<string, number> } {
  const files: Record<string, Uint8Array> = {};
  const counts: Record<string, number> = {};
  for (const [module, tables] of Object.entries(input.data)) {
    for (const [table, rows] of Object.entries(tables)) {
      const path = `${module}/${table}.json`;
      files[path] = strToU8(JSON.stringify(rows, null, 2));
      counts[`${module}/${table}`] = rows.length;
    }
  }
  const readme = exportReadme({ userId: input.userId, generatedAt: input.generatedAt, policyVersion: input.policyVersion, files: Object.keys(files).map((path) => ({ path, rows: counts[path.replace(/\.json$/, '')] })) });
  const zip = zipSync({ 'README.txt': strToU8(readme), ...files }, { level: 6, mtime: input.generatedAt });
  return { zip, counts };
}
