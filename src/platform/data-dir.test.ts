// The data directory is private to the user running Fission (PGlite writes its files 0666).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirectoryError, preparePrivateDirectory } from './data-dir.ts';

const unix = typeof process.getuid === 'function';
const made: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fission-data-'));
  made.push(dir);
  return dir;
};
const modeOf = (p: string) => fs.statSync(p).mode & 0o777;
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(unix)('preparePrivateDirectory', () => {
  it('creates the directory and its missing parents 0700', () => {
    const root = path.join(tempDir(), 'data');
    const dir = path.join(root, 'pglite');
    const warnings: string[] = [];
    preparePrivateDirectory(dir, { warn: (_d, m) => warnings.push(m) });
    expect(modeOf(root)).toBe(0o700);
    expect(modeOf(dir)).toBe(0o700);
    expect(warnings).toEqual([]);
  });

  it('tightens an existing open directory with a log line, and its files to 0600 and subdirectories to 0700', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'base'), { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'base', '1259'), 'rows');
    fs.chmodSync(path.join(dir, 'base', '1259'), 0o666);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17');
    fs.chmodSync(path.join(dir, 'PG_VERSION'), 0o644);
    const warnings: { details: Record<string, unknown>; message: string }[] = [];
    const result = preparePrivateDirectory(dir, { warn: (details, message) => warnings.push({ details, message }) });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(path.join(dir, 'base'))).toBe(0o700);
    expect(modeOf(path.join(dir, 'base', '1259'))).toBe(0o600);
    expect(modeOf(path.join(dir, 'PG_VERSION'))).toBe(0o600);
    expect(result.tightened).toBe(4);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/narrowed to 0700/);
    expect(warnings[0]!.details).toMatchObject({ dir, was: '755' });
  });

  it('narrows files PGlite left 0666 inside a private directory without a warning', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o700);
    fs.writeFileSync(path.join(dir, 'new-file'), 'x');
    fs.chmodSync(path.join(dir, 'new-file'), 0o666);
    const warnings: string[] = [];
    preparePrivateDirectory(dir, { warn: (_d, m) => warnings.push(m) });
    expect(modeOf(path.join(dir, 'new-file'))).toBe(0o600);
    expect(warnings).toEqual([]);
  });

  it('refuses a directory that belongs to another user and leaves it as it was', () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o755);
    let other: string;
    if (process.getuid!() === 0) {
      fs.chownSync(dir, 65534, 65534);
      other = dir;
    } else {
      other = '/'; // root's, and never touched: the ownership check comes first
    }
    expect(() => preparePrivateDirectory(other)).toThrow(DataDirectoryError);
    expect(() => preparePrivateDirectory(other)).toThrow(/belongs to user \d+/);
    if (other === dir) expect(modeOf(dir)).toBe(0o755);
  });

  it('refuses a path that is a file', () => {
    const file = path.join(tempDir(), 'data');
    fs.writeFileSync(file, '');
    expect(() => preparePrivateDirectory(file)).toThrow(/is not a directory/);
  });
});
