import { KubeObject } from '../model/ObjectCollection';
import { ApiResource } from './resources';

/** kubectl asks for server-side printing with `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept
    .split(',')
    .some(
      part =>
        /as=Table/.test(part) &&
        /g=meta\.k8s\.io/.test(part) &&
        /v=v1(?![a-z0-9])/.test(part),
    );
}

/** Age the way kubectl prints it (`45s`, `12m`, `5h`, `3d`). */
export function humanAge(
  created: string | undefined,
  now = Date.now(),
): string {
  if (!created) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) return `${days}d${hours % 24}h`;
  return `${days}d`;
}

type Column = {
  name: string;
  type: string;
  format?: string;
  description: string;
  priority?: number;
};
type Cells = (o: any) => unknown[];

const nameCol: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
};
const ageCol: Column = {
  name: 'Age',
  type: 'string',
  description: 'CreationTimestamp of the object.',
};

function podStatus(pod: any): string {
  const waiting = pod.status?.containerStatuses?.find(
    (c: any) => c.state?.waiting,
  )?.state.waiting.reason;
  return waiting ?? pod.status?.phase ?? 'Unknown';
}

const PRINTERS: Record<string, { columns: Column[]; cells: Cells }> = {
  Pod: {
    columns: [
      nameCol,
      {
        name: 'Ready',
        type: 'string',
        description:
          'The aggregate readiness state of this pod for accepting traffic.',
      },
      {
        name: 'Status',
        type: 'string',
        description: 'The aggregate status of the containers in this pod.',
      },
      {
        name: 'Restarts',
        type: 'string',
        description:
          'The number of times the containers in this pod have been restarted.',
      },
      ageCol,
      {
        name: 'IP',
        type: 'string',
        priority: 1,
        description: 'IP address allocated to the pod.',
      },
      {
        name: 'Node',
        type: 'string',
        priority: 1,
        description: 'Name of the node this pod runs on.',
      },
    ],
    cells: p => {
      const statuses = p.status?.containerStatuses ?? [];
      return [
        p.metadata.name,
        `${statuses.filter((c: any) => c.ready).length}/${
          p.spec?.containers?.length ?? 0
        }`,
        podStatus(p),
        String(
          statuses.reduce((n: number, c: any) => n + (c.restartCount ?? 0), 0),
        ),
        humanAge(p.metadata.creationTimestamp),
        p.status?.podIP ?? '<none>',
        p.spec?.nodeName ?? '<none>',
      ];
    },
  },
  Node: {
    columns: [
      nameCol,
      {
        name: 'Status',
        type: 'string',
        description: 'The status of the node.',
      },
      { name: 'Roles', type: 'string', description: 'The roles of the node.' },
      ageCol,
      {
        name: 'Version',
        type: 'string',
        description: 'Kubelet Version reported by the node.',
      },
      {
        name: 'Internal-IP',
        type: 'string',
        priority: 1,
        description: 'The node internal IP.',
      },
      {
        name: 'OS-Image',
        type: 'string',
        priority: 1,
        description: 'OS image reported by the node.',
      },
    ],
    cells: n => {
      const ready =
        n.status?.conditions?.find((c: any) => c.type === 'Ready')?.status ===
        'True';
      const cordoned = n.spec?.unschedulable === true;
      return [
        n.metadata.name,
        `${ready ? 'Ready' : 'NotReady'}${
          cordoned ? ',SchedulingDisabled' : ''
        }`,
        '<none>',
        humanAge(n.metadata.creationTimestamp),
        n.status?.nodeInfo?.kubeletVersion ?? '',
        n.status?.addresses?.find((a: any) => a.type === 'InternalIP')
          ?.address ?? '<none>',
        n.status?.nodeInfo?.osImage ?? '',
      ];
    },
  },
  Namespace: {
    columns: [
      nameCol,
      {
        name: 'Status',
        type: 'string',
        description: 'The status of the namespace.',
      },
      ageCol,
    ],
    cells: n => [
      n.metadata.name,
      n.status?.phase ?? 'Active',
      humanAge(n.metadata.creationTimestamp),
    ],
  },
  Deployment: {
    columns: [
      nameCol,
      {
        name: 'Ready',
        type: 'string',
        description: 'Number of the pod with ready state.',
      },
      {
        name: 'Up-to-date',
        type: 'string',
        description:
          'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      },
      {
        name: 'Available',
        type: 'string',
        description:
          'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
      },
      ageCol,
    ],
    cells: d => [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      humanAge(d.metadata.creationTimestamp),
    ],
  },
};

PRINTERS.Event = {
  columns: [
    {
      name: 'Last Seen',
      type: 'string',
      description: 'Time of the last occurrence.',
    },
    {
      name: 'Type',
      type: 'string',
      description: 'Type of this event (Normal, Warning).',
    },
    {
      name: 'Reason',
      type: 'string',
      description: 'Why the action was taken.',
    },
    {
      name: 'Object',
      type: 'string',
      description: 'The object this Event is about.',
    },
    {
      name: 'Message',
      type: 'string',
      description:
        'A human-readable description of the status of this operation.',
    },
  ],
  cells: e => [
    humanAge(e.lastTimestamp ?? e.metadata.creationTimestamp),
    e.type ?? '',
    e.reason ?? '',
    `${String(e.involvedObject?.kind ?? '').toLowerCase()}/${
      e.involvedObject?.name ?? ''
    }`,
    e.message ?? '',
  ],
};

const DEFAULT_PRINTER = {
  columns: [nameCol, ageCol],
  cells: (o: any) => [o.metadata.name, humanAge(o.metadata.creationTimestamp)],
};

/** A meta.k8s.io/v1 Table, as the API server returns for kubectl's human-readable output. */
export function renderTable(
  resource: ApiResource,
  items: KubeObject[],
  metadata: Record<string, unknown>,
  includeObject: string,
): Record<string, unknown> {
  const printer = PRINTERS[resource.kind] ?? DEFAULT_PRINTER;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printer.columns.map(c => ({
      priority: 0,
      format: '',
      ...c,
    })),
    rows: items.map(item => ({
      cells: printer.cells(item),
      ...(includeObject === 'None'
        ? {}
        : {
            object:
              includeObject === 'Object'
                ? item
                : {
                    kind: 'PartialObjectMetadata',
                    apiVersion: 'meta.k8s.io/v1',
                    metadata: item.metadata,
                  },
          }),
    })),
  };
}
