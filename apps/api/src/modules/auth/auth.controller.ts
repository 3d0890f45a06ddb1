import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { type LoginResponse, loginRequestSchema, loginResponseSchema, type MyBots, myBotsSchema, type User, userSchema } from '@zhishou/flow-schema';
import type { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import { DomainError, TooManyRequestsError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Public } from './decorators';
import { USER_CREDENTIALS, type UserCredentials } from './ports';
import type { AuthUser } from './principal';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './tokens';

documentRoutes([
  { method: 'POST', path: '/v1/auth/login', tag: 'auth', auth: 'public', status: 200, summary: 'Log in; returns a JWT. Repeated failures lock the account (and the client address) for a while: 429 with Retry-After', body: loginRequestSchema, response: loginResponseSchema, errors: { 401: 'invalid_credentials: wrong email or password', 429: 'login_locked: too many failures, see Retry-After (`params.seconds`)' } },
  { method: 'GET', path: '/v1/auth/me', tag: 'auth', summary: 'The logged-in user', response: userSchema },
  { method: 'GET', path: '/v1/auth/me/bots', tag: 'auth', summary: "The logged-in user's role per bot (admins: every bot)", response: myBotsSchema },
]);

@Controller('auth')
export class AuthController {
  constructor(
    @Inject(USER_CREDENTIALS) private readonly users: UserCredentials,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(LoginThrottle) private readonly throttle: LoginThrottle,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body(new ZodPipe(loginRequestSchema)) body: z.output<typeof loginRequestSchema>, @Req() request: FastifyRequest): Promise<LoginResponse> {
    // Counted before the password is checked, so a locked account answers the same whether it is right or not.
    const { waitMs, ticket } = await this.throttle.begin(body.email, request.ip);
    if (waitMs > 0) throw new TooManyRequestsError(Math.ceil(waitMs / 1000), 'too many failed logins; try again later', 'login_locked');
    const found = await this.users.authenticate(body.email, body.password);
    if (!found) throw new DomainError(401, 'invalid_credentials', 'wrong email or password');
    await this.throttle.succeeded(ticket);
    const { user, tokenVersion } = found;
    return { token: await this.tokens.sign({ id: user.id, email: user.email, role: user.role, ver: tokenVersion }), user };
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<User> {
    return this.users.get(user.id);
  }

  @Get('me/bots')
  myBots(@CurrentUser() user: AuthUser): MyBots {
    if (user.bots === 'all') return { allBots: true, grants: [] };
    return { allBots: false, grants: [...user.bots].map(([botKey, role]) => ({ botKey, role })).sort((a, b) => a.botKey.localeCompare(b.botKey)) };
  }
}
