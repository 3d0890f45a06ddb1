import { e2eEnv } from './browser';

/** Thin api client for test set-up (creating bots, users, seed data) — never for assertions on the UI. */
export interface ApiClient {
  token: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function apiLogin(email?: string, password?: string): Promise<ApiClient> {
  const env = e2eEnv();
  const response = await fetch(`${env.baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: email ?? env.adminEmail, password: password ?? env.adminPassword }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return {
    token,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${env.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** A unique, key-safe suffix so every test file works on its own bot. */
export function uniqueKey(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
