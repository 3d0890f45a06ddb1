import { createApiClient } from './client';
import { endpoints } from './endpoints';
import { useSession } from '../auth/session';

/** The app-wide client: token from the session store; a 401 signs the user out. */
export const api = createApiClient({
  getToken: () => useSession.getState().token,
  onUnauthorized: () => useSession.getState().signOut(),
});
export const apiRoutes = endpoints(api);
export { ApiError, describeApiError } from './client';
