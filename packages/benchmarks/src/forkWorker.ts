import { fork } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { trackChild } from './childCleanup';

const WORKER_BIN = resolvePackagePath(
  '@eks-platform/benchmarks',
  'bin/bench-worker',
);

/**
 * Runs one job in a new `bin/bench-worker` process and resolves with its
 * answer. The SWC hook also talks over the IPC channel (`{ type: 'watch' }`),
 * so only a message that `accept` recognises is taken as the answer.
 */
export function forkWorker<T>(
  job: unknown,
  options: {
    execArgv?: string[];
    timeoutMs: number;
    accept: (message: unknown) => boolean;
    name: string;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const child = fork(WORKER_BIN, [], {
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    trackChild(child, { group: false });
    let result: T | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', message => {
      if (options.accept(message)) result = message as T;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result !== undefined) resolve(result);
      else
        reject(
          new Error(
            `${
              options.name
            } worker ended without a result (code ${code}, signal ${signal}${
              timedOut ? `, killed after ${options.timeoutMs} ms` : ''
            })`,
          ),
        );
    });
    child.send(job as object);
  });
}
