import { Body, Controller, Get, Inject, Param, Patch, Post } from '@nestjs/common';
import { createUserSchema, updateUserSchema, type User, userSchema } from '@zhishou/flow-schema';
import { z } from 'zod';
import { NotFoundError } from '../../infra/http-server/errors';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { Roles } from '../auth/decorators';
import { UsersService } from './users.service';

function userId(id: string): string {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError('user', id);
  return id;
}

const adminOnly = [] as const;
documentRoutes([
  { method: 'GET', path: '/v1/users', tag: 'users', roles: adminOnly, summary: 'List users', response: userSchema.array() },
  { method: 'POST', path: '/v1/users', tag: 'users', roles: adminOnly, summary: 'Create a user', body: createUserSchema, response: userSchema, errors: { 409: 'user_exists' } },
  { method: 'GET', path: '/v1/users/:id', tag: 'users', roles: adminOnly, summary: 'Get a user', response: userSchema, errors: { 404: 'not_found' } },
  { method: 'PATCH', path: '/v1/users/:id', tag: 'users', roles: adminOnly, summary: "Change name, role or password (a role or password change revokes the user's tokens)", body: updateUserSchema, response: userSchema, errors: { 404: 'not_found' } },
]);

/** User administration: admins only. */
@Controller('users')
@Roles('admin')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  create(@Body(new ZodPipe(createUserSchema)) body: z.output<typeof createUserSchema>): Promise<User> {
    return this.users.create(body);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<User> {
    return this.users.get(userId(id));
  }

  /** Change name, role or password. A new role or password revokes the user's existing tokens. */
  @Patch(':id')
  update(@Param('id') id: string, @Body(new ZodPipe(updateUserSchema)) body: z.output<typeof updateUserSchema>): Promise<User> {
    return this.users.update(userId(id), body);
  }
}
