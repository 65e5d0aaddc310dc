import { Content, Header, Page } from '@backstage/core-components';
import { FleetContent } from './FleetContent';

/**
 * The fleet page for platform capacity reviews: every cluster's version phase and
 * deadline, spot share, requested vs allocatable CPU and IP headroom, with trends,
 * a support-deadline timeline, blue/green pairs and a CSV export.
 *
 * @public
 */
export const EksFleetPage = () => (
  <Page themeId="tool">
    <Header
      title="EKS fleet"
      subtitle="Capacity, IP headroom and support deadlines of every Amazon EKS cluster"
    />
    <Content>
      <FleetContent />
    </Content>
  </Page>
);
