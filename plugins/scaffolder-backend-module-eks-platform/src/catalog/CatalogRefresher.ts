import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/**
 * Asks the catalog to process an entity now; resolves false when the catalog does not know it.
 *
 * @public
 */
export type CatalogRefresher = (entityRef: string) => Promise<boolean>;

/** A {@link CatalogRefresher} calling the catalog's `POST /refresh` with a scaffolder service token. */
export function createCatalogRefresher(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): CatalogRefresher {
  return async entityRef => {
    const baseUrl = await options.discovery.getBaseUrl('catalog');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'catalog',
    });
    const response = await fetch(`${baseUrl}/refresh`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ entityRef }),
    });
    if (response.status === 404) return false;
    if (!response.ok) {
      throw new Error(`catalog refresh answered ${response.status}`);
    }
    return true;
  };
}
