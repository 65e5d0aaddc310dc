import selfsigned from 'selfsigned';

export interface ServingCertificate {
  /** PEM certificate; it is its own CA (basicConstraints CA:true), so `ca.crt` is this same PEM. */
  cert: string;
  key: string;
}

/**
 * A fresh self-signed certificate for the simulated Kubernetes endpoints, valid for 127.0.0.1,
 * ::1 and localhost. Generated at every start; never written anywhere but the state directory.
 */
export function generateServingCertificate(): ServingCertificate {
  const result = selfsigned.generate(
    [
      { name: 'commonName', value: 'fleet-simulator' },
      { name: 'organizationName', value: 'eks-platform fleet simulator' },
    ],
    {
      keySize: 2048,
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
