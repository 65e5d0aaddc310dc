import type { ApiResult } from './api/measureApi';
import type { CollectionSizeResult } from './collection/runCollection';
import type { PageResult } from './page/measurePage';

export type BenchOptions = {
  sizes: number[];
  quick: boolean;
  parts: Array<'collection' | 'api' | 'page'>;
  repeat: number;
  pageSize: number;
  requests: number;
  /** An already running app for the page part; undefined: the bench builds and starts the production app. */
  appUrl?: string;
  chromium: string;
  out: string;
};

/** Raw figures of one `yarn bench` run. */
export type BenchReport = {
  startedAt: string;
  finishedAt?: string;
  durationSeconds?: number;
  command: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    loadAverageAtStart: number[];
    loadAverageAtEnd?: number[];
    node: string;
    platform: string;
  };
  options: BenchOptions;
  collection: CollectionSizeResult[];
  api?: ApiResult;
  page?: PageResult;
};

/** A target of the issue and whether this run met it. */
export type TargetCheck = {
  target: string;
  measured: string;
  met: boolean | undefined;
};

/** Ratios per cluster size, ours against each other contender (median of repeats). */
export type CollectionRatios = {
  nodes: number;
  pods: number;
  oursWallMs?: number;
  floorWallMs?: number;
  naiveWallMs?: number;
  /** ours / floor */
  wallVsFloor?: number;
  /** ours / naive */
  wallVsNaive?: number;
  /** ours / naive, peak above baseline */
  heapVsNaive?: number;
  rssVsNaive?: number;
  heapVsFloor?: number;
  rssVsFloor?: number;
};

export type FullReport = BenchReport & {
  ratios: {
    collection: CollectionRatios[];
    api?: {
      entityP50VsKubernetes?: number;
      entityP99VsKubernetes?: number;
      singleClientEntityP50VsKubernetes?: number;
    };
  };
  targets: TargetCheck[];
};
