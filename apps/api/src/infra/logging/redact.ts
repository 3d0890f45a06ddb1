/**
 * Secrets never reach a log line: query parameters with secret-looking names, credential headers,
 * body fields holding passwords or keys, and anything shaped like a JWT or a bot API key wherever it
 * appears in a logged string.
 */

export const REDACTED = '[REDACTED]';

/** Query parameter / field names whose values are secrets (compared lower-cased, `-` and `_` ignored). */
const SECRET_NAMES = new Set([
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'jwt',
  'key',
  'apikey',
  'xapikey',
  'password',
  'newpassword',
  'oldpassword',
  'passwordhash',
  'secret',
  'clientsecret',
  'signature',
  'sig',
  'authorization',
  'auth',
  'cookie',
  'setcookie',
  'session',
  'code',
]);

export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase().replace(/[-_]/g, ''));
}

// A compact JWS (three base64url parts, the first a JSON header "eyJ…") and the bot API key format.
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}/g;
const API_KEY_SHAPE = /\bzk_[A-Za-z0-9_-]{16,}/g;

/** Replaces token-shaped substrings (JWTs, `zk_…` API keys) in free text. */
export function censorTokens(text: string): string {
  return text.replace(JWT_SHAPE, REDACTED).replace(API_KEY_SHAPE, REDACTED);
}

/** The request URL as it may be logged: secret query values replaced, token-shaped path parts too. */
export function sanitizeUrl(url: string): string {
  const q = url.indexOf('?');
  const path = censorTokens(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: judge the raw name
      }
      if (eq >= 0 && isSecretName(name)) return `${rawName}=${REDACTED}`;
      return censorTokens(pair);
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * pino `redact` paths: credential headers wherever a request/response object is logged, and secret
 * fields of logged bodies up to three levels deep (pino wildcards match one level each).
 */
export const REDACT_PATHS: string[] = (() => {
  const headers = ['.authorization', '.cookie', '["set-cookie"]', '["x-api-key"]', '["proxy-authorization"]'];
  const fields = ['password', 'newPassword', 'passwordHash', 'token', 'accessToken', 'apiKey', 'secret', 'authorization', 'cookie'];
  const paths: string[] = [];
  for (const h of headers) paths.push(`headers${h}`, `req.headers${h}`, `request.headers${h}`, `res.headers${h}`, `*.headers${h}`);
  for (const f of fields) paths.push(f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`);
  return paths;
})();
