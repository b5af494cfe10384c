// The embedded database's directory holds every customer's data and the generated signing secret,
// and PGlite writes its files 0666 whatever the umask: the directory's own mode is what keeps other
// users of the machine out. It is created 0700, a looser one is tightened, and a directory that
// belongs to another user is refused (its owner could read or replace everything in it).
import fs from 'node:fs';
import path from 'node:path';

export class DataDirectoryError extends Error {}

export interface DirectoryNotice {
  warn(details: Record<string, unknown>, message: string): void;
}

export interface PreparedDirectory {
  /** Entries (the directory itself included) whose mode was narrowed. */
  tightened: number;
}

const loose = (mode: number) => (mode & 0o077) !== 0;

/** chmod every entry below `dir`: directories 0700, files 0600. Best effort: a file PGlite is replacing may vanish. */
function tightenTree(dir: string): number {
  let changed = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    try {
      const { mode } = fs.statSync(full);
      if (entry.isDirectory()) {
        if (loose(mode)) (fs.chmodSync(full, 0o700), changed++);
        changed += tightenTree(full);
      } else if (loose(mode)) {
        fs.chmodSync(full, 0o600);
        changed++;
      }
    } catch {
      // Gone or not ours to change: the 0700 directory above still protects it.
    }
  }
  return changed;
}

/**
 * Makes `dir` (and any missing parents) a private directory of this process's user. Throws a
 * DataDirectoryError naming the fix when it belongs to someone else or is not a directory.
 */
export function preparePrivateDirectory(dir: string, log?: DirectoryNotice): PreparedDirectory {
  const notADirectory = () => new DataDirectoryError(`${dir} is not a directory; point FISSION_DATA_DIR at a directory`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') throw notADirectory();
    throw err;
  }
  const stat = fs.statSync(dir);
  if (!stat.isDirectory()) throw notADirectory();
  // Ownership and modes mean little on Windows (no getuid there); the check is for Unix hosts.
  if (typeof process.getuid === 'function') {
    const uid = process.getuid();
    if (stat.uid !== uid) {
      throw new DataDirectoryError(`${dir} belongs to user ${stat.uid}, not to the user running Fission (${uid}): refusing to keep data there. Run as its owner, chown it (chown -R ${uid} ${dir}) or set FISSION_DATA_DIR to a directory of your own`);
    }
  } else {
    return { tightened: 0 };
  }
  const wasOpen = loose(stat.mode);
  if (wasOpen) fs.chmodSync(dir, 0o700);
  // Files PGlite created during the last run are 0666 again; narrowing them is routine, so only a
  // directory that was itself open is worth a warning.
  const tightened = (wasOpen ? 1 : 0) + tightenTree(dir);
  if (wasOpen) {
    log?.warn({ dir, was: (stat.mode & 0o777).toString(8), tightened }, 'data directory was open to other users: narrowed to 0700 (files 0600)');
  }
  return { tightened };
}
