import { Inject, Injectable } from '@nestjs/common';
import { roleSchema } from '@zhishou/flow-schema';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { AppConfig } from '../../infra/config/config';
import { CONFIG } from '../../infra/config/config.module';
import type { AuthUser } from './principal';

const claimsSchema = z.object({ sub: z.string(), email: z.string(), role: roleSchema });

/** HS256 JWTs for designer users. The role is in the token; changing a role takes effect on next login. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwt.secret);
  }

  sign(user: AuthUser): Promise<string> {
    return new SignJWT({ email: user.email, role: user.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setIssuer('zhishou')
      .setExpirationTime(this.config.jwt.ttl)
      .sign(this.key);
  }

  /** The user in a valid token, or null (bad signature, expired, malformed). */
  async verify(token: string): Promise<AuthUser | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: 'zhishou' });
      const claims = claimsSchema.parse(payload);
      return { id: claims.sub, email: claims.email, role: claims.role };
    } catch {
      return null;
    }
  }
}
