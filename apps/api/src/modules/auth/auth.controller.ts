import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { type LoginResponse, loginRequestSchema, loginResponseSchema, type User, userSchema } from '@zhishou/flow-schema';
import type { z } from 'zod';
import { DomainError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Public } from './decorators';
import { USER_CREDENTIALS, type UserCredentials } from './ports';
import type { AuthUser } from './principal';
import { TokenService } from './tokens';

documentRoutes([
  { method: 'POST', path: '/v1/auth/login', tag: 'auth', auth: 'public', status: 200, summary: 'Log in; returns a JWT', body: loginRequestSchema, response: loginResponseSchema },
  { method: 'GET', path: '/v1/auth/me', tag: 'auth', summary: 'The logged-in user', response: userSchema },
]);

@Controller('auth')
export class AuthController {
  constructor(
    @Inject(USER_CREDENTIALS) private readonly users: UserCredentials,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body(new ZodPipe(loginRequestSchema)) body: z.output<typeof loginRequestSchema>): Promise<LoginResponse> {
    const user = await this.users.authenticate(body.email, body.password);
    if (!user) throw new DomainError(401, 'invalid_credentials', 'wrong email or password');
    return { token: await this.tokens.sign(user), user };
  }

  @Get('me')
  me(@CurrentUser() user: AuthUser): Promise<User> {
    return this.users.get(user.id);
  }
}
