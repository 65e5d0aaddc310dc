import type { FleetFile } from '@eks-platform/fleet-simulator';

/** The collectors compared side by side. */
export type ContenderName = 'ours' | 'naive' | 'floor';

/** What the parent asks one worker process to measure. */
export type WorkerJob = {
  contender: ContenderName;
  fleet: FleetFile;
  cluster: string;
  pageSize: number;
  sampleIntervalMs: number;
};

/** Memory figures of one process, in bytes. */
export type MemoryFigures = {
  rss: number;
  heapUsed: number;
};

/** What one worker process measured. */
export type WorkerResult = {
  contender: ContenderName;
  ok: boolean;
  error?: string;
  wallMs: number;
  /** After loading modules and building clients, after a full GC. */
  baseline: MemoryFigures;
  /** Highest sampled values during the run (every `sampleIntervalMs` ms and at the end). */
  peakSampled: MemoryFigures;
  /** Kernel peak RSS (`getrusage` maxrss) at the end of the run and at the baseline. */
  maxRssAtEnd: number;
  maxRssAtBaseline: number;
  /** Peak above baseline: RSS from the kernel figure when the run set a new peak, else sampled. */
  peakAboveBaseline: MemoryFigures;
  samples: number;
  pods?: number;
  nodes?: number;
  bytes?: number;
  snapshotBytes?: number;
};
