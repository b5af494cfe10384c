// The signed-in account behind the session cookie, for both web apps: null when signed out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, call } from './api';

export const meQuery = {
  queryKey: ['me'],
  queryFn: async () => {
    try {
      return await call(api.GET('/api/v1/me'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  staleTime: 60_000,
};

export const useMe = () => useQuery(meQuery);

/** After sign-in, sign-up or sign-out: everything cached belonged to the previous session. */
export function useSessionChanged() {
  const client = useQueryClient();
  return () => client.resetQueries();
}
