// Preloaded into the server by bench/profile.ts (`node --import ./bench/probe.mjs`): a CPU profile
// and a count of SQL statements sent through `pg`, both cut into windows. When the profiler creates
// PROBE_DIR/<n>.cut, the window that just ended is written there (<n>.cpuprofile,
// <n>.statements.json, then <n>.done) and the next starts, so one server yields one profile per
// benchmark case. A file, not a signal: close-with-grace treats SIGUSR2 as a shutdown.
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import pg from 'pg';

const dir = process.env.PROBE_DIR;
if (!dir) throw new Error('bench/probe.mjs needs PROBE_DIR');

let statements = new Map();
const count = (text) => {
  // The statement's shape, not its values: verb and first table.
  const shape = String(text).replace(/\s+/g, ' ').replace(/\$\d+/g, '?').slice(0, 90);
  statements.set(shape, (statements.get(shape) ?? 0) + 1);
};
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  count(typeof config === 'string' ? config : config?.text);
  return query.call(this, config, ...rest);
};

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
await session.post('Profiler.start');

let window = 0;
let cutting = false;
setInterval(async () => {
  if (cutting || !fs.existsSync(path.join(dir, `${window}.cut`))) return;
  cutting = true;
  const { profile } = await session.post('Profiler.stop');
  const n = window++;
  const counted = Object.fromEntries([...statements].sort((a, b) => b[1] - a[1]));
  statements = new Map();
  await session.post('Profiler.start');
  fs.writeFileSync(path.join(dir, `${n}.cpuprofile`), JSON.stringify(profile));
  fs.writeFileSync(path.join(dir, `${n}.statements.json`), JSON.stringify(counted));
  fs.writeFileSync(path.join(dir, `${n}.done`), '');
  cutting = false;
}, 50).unref();
