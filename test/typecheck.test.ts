// The server code type-checks: module boundaries (a module's tables, the typed event catalog,
// the error catalog) are enforced by the compiler, so the suite runs it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

describe('types', () => {
  it('src/, test/, bench/ and scripts/ type-check with tsc --noEmit', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      output = `${e.stdout ?? ''}${e.stderr ?? ''}`.split('\n').slice(0, 40).join('\n');
    }
    expect(output).toBe('');
  }, 180_000);
});
