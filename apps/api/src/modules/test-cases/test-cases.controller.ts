import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import {
  fromPreviewRequestSchema,
  runTestsRequestSchema,
  storedTestCaseListSchema,
  storedTestCaseSchema,
  testCaseSchema,
  testRunReportSchema,
  type StoredTestCase,
  type TestCase,
  type TestRunReport,
} from '@zhishou/flow-schema';
import type { z } from 'zod';
import { documentRoutes } from '../../infra/http-server/openapi';
import { ZodPipe } from '../../infra/http-server/validation';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/principal';
import { PreviewRecorder } from './preview-recorder';
import { TestCasesService } from './test-cases.service';

const runBody = runTestsRequestSchema;
const fromPreviewBody = fromPreviewRequestSchema;
const TESTS = '/v1/bots/:bot/flows/:flow/tests';
const editors = ['editor', 'publisher'] as const;
documentRoutes([
  { method: 'GET', path: TESTS, tag: 'tests', summary: "List a flow's test cases", response: storedTestCaseListSchema, errors: { 404: 'not_found' } },
  { method: 'POST', path: TESTS, tag: 'tests', roles: editors, summary: 'Add a test case (a scripted conversation with per-turn expectations)', body: testCaseSchema, response: storedTestCaseSchema, errors: { 409: 'already_exists' } },
  { method: 'GET', path: `${TESTS}/:id`, tag: 'tests', summary: 'Get a test case', response: storedTestCaseSchema, errors: { 404: 'not_found' } },
  { method: 'PUT', path: `${TESTS}/:id`, tag: 'tests', roles: editors, summary: 'Replace a test case', body: testCaseSchema, response: storedTestCaseSchema, errors: { 404: 'not_found', 409: 'already_exists' } },
  { method: 'DELETE', path: `${TESTS}/:id`, tag: 'tests', roles: editors, status: 204, summary: 'Delete a test case', response: null, errors: { 404: 'not_found' } },
  { method: 'POST', path: `${TESTS}/run`, tag: 'tests', roles: editors, status: 200, summary: "Replay the flow's test cases against its draft or a version; per-case, per-turn results", body: runBody, response: testRunReportSchema },
  { method: 'POST', path: `${TESTS}/from-preview`, tag: 'tests', roles: editors, summary: "Record a test-chat session as a test case expecting what the session saw", body: fromPreviewBody, response: storedTestCaseSchema, errors: { 404: 'not_found' } },
]);

/** A flow's test cases (scripted conversations) and test runs; publishing runs them as a gate. */
@Controller('bots/:bot/flows/:flow/tests')
export class TestCasesController {
  constructor(
    @Inject(TestCasesService) private readonly tests: TestCasesService,
    @Inject(PreviewRecorder) private readonly recorder: PreviewRecorder,
  ) {}

  @Get()
  list(@Param('bot') bot: string, @Param('flow') flow: string): Promise<StoredTestCase[]> {
    return this.tests.list(bot, flow);
  }

  @Post()
  @Roles('editor', 'publisher')
  create(@Param('bot') bot: string, @Param('flow') flow: string, @Body(new ZodPipe(testCaseSchema)) body: TestCase, @CurrentUser() user: AuthUser): Promise<StoredTestCase> {
    return this.tests.create(bot, flow, body, user.email);
  }

  @Post('run')
  @HttpCode(200)
  @Roles('editor', 'publisher')
  run(@Param('bot') bot: string, @Param('flow') flow: string, @Body(new ZodPipe(runBody)) body: z.infer<typeof runBody>): Promise<TestRunReport> {
    return this.tests.run(bot, flow, body.version === 'draft' ? { draft: true } : { version: body.version });
  }

  /** Turns a designer test-chat session into a test case that expects what the session saw. */
  @Post('from-preview')
  @Roles('editor', 'publisher')
  async fromPreview(
    @Param('bot') bot: string,
    @Param('flow') flow: string,
    @Body(new ZodPipe(fromPreviewBody)) body: z.infer<typeof fromPreviewBody>,
    @CurrentUser() user: AuthUser,
  ): Promise<StoredTestCase> {
    const testCase = await this.recorder.testCaseOf(bot, flow, body);
    return this.tests.create(bot, flow, testCase, user.email);
  }

  @Get(':id')
  get(@Param('bot') bot: string, @Param('flow') flow: string, @Param('id') id: string): Promise<StoredTestCase> {
    return this.tests.get(bot, flow, id);
  }

  @Put(':id')
  @Roles('editor', 'publisher')
  update(@Param('bot') bot: string, @Param('flow') flow: string, @Param('id') id: string, @Body(new ZodPipe(testCaseSchema)) body: TestCase, @CurrentUser() user: AuthUser): Promise<StoredTestCase> {
    return this.tests.update(bot, flow, id, body, user.email);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('editor', 'publisher')
  async remove(@Param('bot') bot: string, @Param('flow') flow: string, @Param('id') id: string): Promise<void> {
    await this.tests.remove(bot, flow, id);
  }
}
