/**
 * @module Who holds a lock, precisely enough to tell a live owner from a dead one whose pid was reused: the pid plus
 * the host, the boot id and the process start time (Linux: /proc). Where /proc is missing, only the pid is checked.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface ProcessIdentity {
  readonly pid: number;
  readonly host: string;
  /** Changes at every boot; null where unknown. */
  readonly bootId: string | null;
  /** Start time in clock ticks since boot (field 22 of /proc/<pid>/stat); null where unknown. */
  readonly start: string | null;
}

export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, host: hostname(), bootId: bootId(), start: startOf(process.pid) };
}

/**
 * Whether the process that wrote `owner` still runs. Fields missing from `owner` (older lock files) are not checked.
 * A process on another host cannot be checked: it counts as running.
 */
export function isRunning(owner: Partial<ProcessIdentity> & { readonly pid: number }): boolean {
  if (owner.host !== undefined && owner.host !== hostname()) return true;
  const boot = bootId();
  if (owner.bootId != null && boot !== null && owner.bootId !== boot) return false;
  if (!pidExists(owner.pid)) return false;
  // The pid exists, but a pid is reused: a different start time means another process has it now.
  const start = owner.start == null ? null : startOf(owner.pid);
  return start === null || start === owner.start;
}

function pidExists(pid: number): boolean {
  if (!(Number.isInteger(pid) && pid > 0)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function startOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}
