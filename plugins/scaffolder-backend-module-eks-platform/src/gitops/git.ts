import { execFile } from 'node:child_process';
import { devNull } from 'node:os';

/**
 * Runs the `git` CLI; resolves with stdout, rejects with an Error carrying git's stderr.
 *
 * @public
 */
export type GitRunner = (
  args: string[],
  options?: { cwd?: string; env?: Record<string, string> },
) => Promise<string>;

/**
 * The `git` CLI with the user's and the system's configuration ignored, no prompts, and only the
 * `file` transport allowed: a scaffolder run never reaches the network through it.
 */
export const runGit: GitRunner = (args, options = {}) =>
  new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: devNull,
          GIT_TERMINAL_PROMPT: '0',
          GIT_ALLOW_PROTOCOL: 'file',
          LANG: 'C',
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr).trim() || error.message;
          reject(new Error(`git ${args[0]} failed: ${detail}`));
        } else {
          resolve(String(stdout));
        }
      },
    );
  });
