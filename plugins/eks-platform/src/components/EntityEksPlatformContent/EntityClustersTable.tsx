import { Table, type TableColumn } from '@backstage/core-components';
import type {
  ClusterSource,
  ClusterSummary,
} from '@eks-platform/plugin-eks-platform-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';

const SOURCE_DESCRIPTIONS: Record<ClusterSource, string> = {
  config: 'A config entry under kubernetes.clusterLocatorMethods',
  catalog: 'A catalog Resource of type kubernetes-cluster',
};

const NotKnown = () => (
  <Typography variant="body2" color="textSecondary" component="span">
    unknown
  </Typography>
);

const columns: TableColumn<ClusterSummary>[] = [
  { title: 'Name', field: 'name', highlight: true },
  { title: 'Title', render: cluster => cluster.title ?? <NotKnown /> },
  {
    title: 'EKS cluster',
    render: cluster => cluster.eks?.clusterName ?? <NotKnown />,
  },
  { title: 'Region', render: cluster => cluster.eks?.region ?? <NotKnown /> },
  {
    title: 'Account',
    render: cluster => cluster.eks?.accountId ?? <NotKnown />,
  },
  { title: 'Auth provider', field: 'authProvider' },
  {
    title: 'Source',
    render: cluster => (
      <Tooltip title={SOURCE_DESCRIPTIONS[cluster.source] ?? cluster.source}>
        <Chip label={cluster.source} size="small" variant="outlined" />
      </Tooltip>
    ),
  },
];

/**
 * The clusters an entity runs on, as the cluster registry describes them.
 */
export const EntityClustersTable = (props: { clusters: ClusterSummary[] }) => (
  <div data-testid="eks-platform-clusters">
    <Table<ClusterSummary>
      title="Clusters"
      subtitle="Where this component runs, from its annotation"
      columns={columns}
      data={props.clusters}
      options={{ paging: false, search: false, padding: 'dense' }}
      emptyContent={
        <Typography variant="body2" color="textSecondary" align="center">
          None of the named clusters is in the cluster registry.
        </Typography>
      }
    />
  </div>
);
