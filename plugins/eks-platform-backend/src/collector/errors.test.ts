import { CollectionFailure, classifyError } from './errors';
import { isoAt } from '../__testUtils__/clock';

function awsError(name: string, status: number, message = name) {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status },
  });
}

function networkError(code: string) {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:7790`), { code });
}

describe('classifyError', () => {
  it.each([
    [awsError('ThrottlingException', 429), 'throttled'],
    [awsError('RequestLimitExceeded', 503), 'throttled'],
    [awsError('AccessDeniedException', 403), 'forbidden'],
    [awsError('UnauthorizedOperation', 403), 'forbidden'],
    [awsError('AuthFailure', 401), 'unauthorized'],
    [awsError('InvalidSignatureException', 403), 'unauthorized'],
    [awsError('ResourceNotFoundException', 404), 'not-found'],
    [awsError('ServiceUnavailableException', 503), 'server-error'],
    [awsError('SomethingNew', 502), 'server-error'],
    [
      awsError('TimeoutError', 0, 'Connection timed out after 5000 ms'),
      'timeout',
    ],
    [networkError('ECONNREFUSED'), 'unreachable'],
    [networkError('ENOTFOUND'), 'unreachable'],
    [networkError('ECONNRESET'), 'bad-response'],
    [new SyntaxError('Unexpected end of JSON input'), 'bad-response'],
    [
      Object.assign(
        new Error(
          'AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com',
        ),
        { name: 'Error' },
      ),
      'unreachable',
    ],
    [new Error('something odd'), 'unknown'],
  ])('classifies %p as %p', (error, kind) => {
    expect(classifyError(error, 'eks', 'DescribeCluster').kind).toBe(kind);
  });

  it('keeps the HTTP status and says what failed, in one line', () => {
    const failure = classifyError(
      awsError(
        'AccessDeniedException',
        403,
        'User is not authorized\nsecond line',
      ),
      'ec2',
      'DescribeSubnets',
    );
    expect(failure).toMatchObject({
      kind: 'forbidden',
      source: 'ec2',
      status: 403,
      message:
        'DescribeSubnets failed: AccessDeniedException: User is not authorized',
    });
    expect(
      failure.toCollectionError(new Date(isoAt(0, '12:00:00.000'))),
    ).toEqual({
      kind: 'forbidden',
      source: 'ec2',
      status: 403,
      message:
        'DescribeSubnets failed: AccessDeniedException: User is not authorized',
      at: isoAt(0, '12:00:00.000'),
    });
  });

  it('passes an already classified failure through', () => {
    const failure = new CollectionFailure({
      kind: 'timeout',
      source: 'kubernetes',
      message: 'GET /api/v1/pods timed out after 30000 ms',
    });
    expect(classifyError(failure, 'eks', 'ignored')).toBe(failure);
  });
});
