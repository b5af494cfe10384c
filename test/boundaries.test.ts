// Import boundaries (see .dependency-cruiser.cjs): no cycles, type-only ones included; another
// module only through its index.ts; the platform imports no module.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('module boundaries', () => {
  it('has no import cycle and no import past a module index.ts', () => {
    let output = '';
    let failed = false;
    try {
      output = execFileSync(process.execPath, [path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      failed = true;
      const e = err as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect(failed ? output : '').toBe('');
    expect(output).toMatch(/no dependency violations found/);
  }, 120_000);
});
