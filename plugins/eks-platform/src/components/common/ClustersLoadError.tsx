import { ResponseErrorPanel } from '@backstage/core-components';
import type { ResponseError } from '@backstage/errors';
import { eksPlatformClusterReadPermission } from '@eks-platform/plugin-eks-platform-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';

function isForbidden(error: Error): boolean {
  return (
    error.name === 'ResponseError' &&
    (error as ResponseError).statusCode === 403
  );
}

/**
 * Why the cluster registry could not be read, with a way to try again.
 */
export const ClustersLoadError = (props: {
  error: Error;
  onRetry?: () => void;
}) => {
  const { error, onRetry } = props;
  const title = isForbidden(error)
    ? `You are not allowed to read EKS clusters: this needs the ${eksPlatformClusterReadPermission.name} permission`
    : undefined;
  return (
    <>
      <ResponseErrorPanel error={error} title={title} />
      {onRetry && (
        <Box mt={2}>
          <Button variant="outlined" color="primary" onClick={onRetry}>
            Retry
          </Button>
        </Box>
      )}
    </>
  );
};
