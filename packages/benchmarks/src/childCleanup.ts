import type { ChildProcess } from 'node:child_process';

/**
 * Children that must not outlive the bench: on a normal return every part
 * stops its own children in `finally`, but Ctrl-C or SIGTERM would end the
 * bench before those blocks run, and a child started in its own process group
 * (the app's backend) does not receive the terminal's Ctrl-C. Each tracked
 * child is killed (its whole group when it leads one) when the bench gets
 * SIGINT, SIGTERM or SIGHUP, and as a last resort when the bench exits.
 */
type Tracked = { pid: number; group: boolean };

const tracked = new Map<number, Tracked>();
let installed = false;

function kill(child: Tracked, signal: NodeJS.Signals) {
  try {
    process.kill(child.group ? -child.pid : child.pid, signal);
  } catch {
    // Already gone.
  }
}

function onSignal(signal: NodeJS.Signals) {
  const code = signal === 'SIGINT' ? 130 : 143;
  process.stderr.write(
    `\n[bench] ${signal}: stopping ${tracked.size} child process(es)\n`,
  );
  for (const child of tracked.values()) kill(child, 'SIGTERM');
  // A grace period for the backend to close its server, then no mercy.
  setTimeout(() => {
    for (const child of tracked.values()) kill(child, 'SIGKILL');
    process.exit(code);
  }, 3000).unref();
  const poll = setInterval(() => {
    const alive = [...tracked.values()].filter(child => {
      try {
        process.kill(child.group ? -child.pid : child.pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    if (alive.length === 0) {
      clearInterval(poll);
      process.exit(code);
    }
  }, 100);
}

function install() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => onSignal(signal));
  }
  process.once('exit', () => {
    for (const child of tracked.values()) kill(child, 'SIGKILL');
  });
}

/**
 * Kills `child` if the bench is interrupted or exits before it ends; with
 * `group: true`, the whole process group it leads (spawn it with `detached:
 * true`), kept tracked after the leader exits until {@link untrackChild}.
 */
export function trackChild(
  child: ChildProcess,
  options: { group: boolean },
): void {
  const pid = child.pid;
  if (pid === undefined) return;
  install();
  tracked.set(pid, { pid, group: options.group });
  if (!options.group) child.once('exit', () => untrackChild(pid));
}

/** The child was stopped normally. */
export function untrackChild(pid: number): void {
  tracked.delete(pid);
}
