import { create } from 'zustand';
import { userSchema, type User } from '@zhishou/flow-schema';
import { can, type Action } from './permissions';

const STORAGE_KEY = 'zs.session';

interface SessionState {
  token: string | null;
  user: User | null;
  signIn(token: string, user: User): void;
  signOut(): void;
}

function loadSession(): Pick<SessionState, 'token' | 'user'> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return { token: null, user: null };
    const parsed = JSON.parse(raw) as { token?: unknown; user?: unknown };
    // A session stored by an older designer (another user shape) is dropped: the user logs in again.
    const user = userSchema.safeParse(parsed.user);
    return typeof parsed.token === 'string' && user.success ? { token: parsed.token, user: user.data } : { token: null, user: null };
  } catch {
    return { token: null, user: null };
  }
}

export const useSession = create<SessionState>((set) => ({
  ...loadSession(),
  signIn(token, user) {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ token, user }));
    set({ token, user });
  },
  signOut() {
    localStorage.removeItem(STORAGE_KEY);
    set({ token: null, user: null });
  },
}));

/** True when the signed-in user may do `action` (hide or disable the control otherwise). */
export function useCan(action: Action): boolean {
  return useSession((state) => can(state.user?.role, action));
}
