// What the diagnostic tools (cpu.ts, profile.ts, ingest.ts, risk.ts) read off a running server:
// its CPU time from /proc (Linux only), and the windows bench/probe.mjs writes when preloaded
// (a CPU profile and the SQL statements sent, per window).
import fs from 'node:fs';
import path from 'node:path';

/** µs in a clock tick of /proc/<pid>/stat: USER_HZ is 100 on Linux. */
export const TICK_US = 1e6 / 100;

/** CPU ticks (user + system) a process has spent so far; throws for a process gone or off Linux. */
export function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // utime and stime are the 12th and 13th fields after the command's closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** A window the probe has written: its number and the common stem of its files (`<dir>/<n>`). */
export interface ProbeWindow {
  n: number;
  stem: string;
}

/**
 * The windows of a server started with bench/probe.mjs preloaded and PROBE_DIR=dir. Each call
 * ends the current window (a `<n>.cut` file; a file, not a signal, see probe.mjs) and resolves
 * once the probe has written it (`<n>.done`); the next window starts at once.
 */
export function probeWindows(dir: string): () => Promise<ProbeWindow> {
  let window = 0;
  return async () => {
    const n = window++;
    fs.writeFileSync(path.join(dir, `${n}.cut`), '');
    while (!fs.existsSync(path.join(dir, `${n}.done`))) await new Promise((r) => setTimeout(r, 50));
    return { n, stem: path.join(dir, String(n)) };
  };
}

/** The statements a window sent, by shape, most frequent first. */
export const windowStatements = (w: ProbeWindow) => JSON.parse(fs.readFileSync(`${w.stem}.statements.json`, 'utf8')) as Record<string, number>;

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export const windowProfile = (w: ProbeWindow) => JSON.parse(fs.readFileSync(`${w.stem}.cpuprofile`, 'utf8')) as CpuProfile;

/** Where a frame's code lives: a package, a source file of ours, or the engine. */
function place(url: string): string {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const src = url.match(/\/(src\/.+)$/);
  return src ? src[1] : url.replace(/^file:\/\//, '');
}

/**
 * A CPU profile's self time as lines to print. Of all the time sampled (profile.ts): how busy the
 * process was, then the `top` functions and the packages or files. Of the busy time only (ingest.ts,
 * whose window spans phases the server idles through): the `top` functions alone, idle left out.
 */
export function summarise(profile: CpuProfile, top = 18, of: 'sampled' | 'busy' = 'sampled'): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const sampled = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const fns = new Map<string, number>();
  const places = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const where = place(f.url);
    const key = `${f.functionName || '(anonymous)'}  ${where}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    places.set(where, (places.get(where) ?? 0) + us);
  }
  const idle = [...fns].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
  const total = of === 'busy' ? sampled - idle : sampled;
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  const hottest = [...fns].filter(([k]) => of === 'sampled' || !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, us]) => `    ${pct(us)}  ${k}`);
  if (of === 'busy') return hottest;
  return [
    `  busy ${(100 - (100 * idle) / total).toFixed(0)}% of ${(total / 1e6).toFixed(1)} s sampled`,
    '  self time by function:',
    ...hottest,
    '  self time by package / file:',
    ...[...places].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, us]) => `    ${pct(us)}  ${k}`),
  ];
}
