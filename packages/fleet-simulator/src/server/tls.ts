import selfsigned from 'selfsigned';

export interface ServingCertificate {
  /** PEM certificate; it is its own CA (basicConstraints CA:true), so `ca.crt` is this same PEM. */
  cert: string;
  key: string;
}

/** How far back the certificate's validity starts: a client whose clock runs behind ours still accepts it. */
const VALID_BEFORE_START_DAYS = 800;

/**
 * A fresh self-signed certificate for the simulated Kubernetes endpoints, valid for 127.0.0.1,
 * ::1 and localhost. Generated at every start; never written anywhere but the state directory.
 * Its validity starts well before now, so tests that move the simulator's clock (faketime) still
 * work with clients that keep the real one, such as the statically linked kubectl.
 */
export function generateServingCertificate(): ServingCertificate {
  const result = selfsigned.generate(
    [
      { name: 'commonName', value: 'fleet-simulator' },
      { name: 'organizationName', value: 'eks-platform fleet simulator' },
    ],
    {
      keySize: 2048,
      notBeforeDate: new Date(
        Date.now() - VALID_BEFORE_START_DAYS * 86_400_000,
      ),
      days: 30,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true, critical: true },
        {
          name: 'keyUsage',
          keyCertSign: true,
          digitalSignature: true,
          keyEncipherment: true,
          critical: true,
        },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
            { type: 7, ip: '::1' },
          ],
        },
      ],
    },
  );
  return { cert: result.cert, key: result.private };
}
