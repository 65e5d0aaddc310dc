import { createEksToken } from './eksToken';

describe('createEksToken', () => {
  it('makes a k8s-aws-v1 token: a presigned STS GetCallerIdentity URL that signs the cluster name', async () => {
    const token = await createEksToken({
      clusterName: 'prod-eu-west-1',
      region: 'eu-west-1',
      credentials: async () => ({
        accessKeyId: 'AKIDEXAMPLEEKSTOKEN',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      }),
    });

    expect(token.startsWith('k8s-aws-v1.')).toBe(true);
    const encoded = token.slice('k8s-aws-v1.'.length);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/); // base64url without padding
    const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
    expect(url.origin).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('Version')).toBe('2011-06-15'); // date-literal: the STS API version
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'host;x-k8s-aws-id',
    );
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLEEKSTOKEN\/\d{8}\/eu-west-1\/sts\/aws4_request$/,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});
