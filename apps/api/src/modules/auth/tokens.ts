import { Inject, Injectable } from '@nestjs/common';
import { roleSchema } from '@zhishou/flow-schema';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { AppConfig } from '../../infra/config/config';
import { CONFIG } from '../../infra/config/config.module';

/** What a JWT says about its user; `ver` is the user's token version when it was signed. */
export interface TokenClaims {
  id: string;
  email: string;
  role: z.infer<typeof roleSchema>;
  ver: number;
}

const claimsSchema = z.object({ sub: z.string(), email: z.string(), role: roleSchema, ver: z.number().int().min(0), exp: z.number() });

/**
 * HS256 JWTs for designer users. A token must carry `exp`; it is valid only while its `ver` equals the
 * user's token version (checked against the database on every request by AccessService), so a
 * password or role change revokes every older token at once.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwt.secret);
  }

  sign(user: TokenClaims): Promise<string> {
    return new SignJWT({ email: user.email, role: user.role, ver: user.ver })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setIssuer('zhishou')
      .setExpirationTime(this.config.jwt.ttl)
      .sign(this.key);
  }

  /** The claims of a well-signed, unexpired token that has an expiry, or null. Does not check revocation. */
  async verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'zhishou', requiredClaims: ['exp', 'sub'] });
      const claims = claimsSchema.parse(payload);
      return { id: claims.sub, email: claims.email, role: claims.role, ver: claims.ver };
    } catch {
      return null;
    }
  }
}
