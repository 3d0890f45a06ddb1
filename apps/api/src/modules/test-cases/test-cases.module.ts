import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { DEMO_TESTS_SEEDER } from '../demo/demo-seeder';
import { FlowsModule } from '../flows/flows.module';
import { PreviewModule } from '../preview/preview.module';
import { VersioningModule } from '../versioning/versioning.module';
import { DemoTestsSeeder } from './demo-tests-seeder';
import { PreviewRecorder } from './preview-recorder';
import { TestCasesController } from './test-cases.controller';
import { TestCasesRepository } from './test-cases.repository';
import { TestCasesService } from './test-cases.service';

/** Flow test cases, test runs, recording from the test chat, and the publish gate on flows. */
@Module({
  imports: [VersioningModule, FlowsModule, InferenceModule, ConversationsModule, PreviewModule],
  controllers: [TestCasesController],
  providers: [TestCasesRepository, TestCasesService, PreviewRecorder, DemoTestsSeeder, { provide: DEMO_TESTS_SEEDER, useExisting: DemoTestsSeeder }],
  exports: [TestCasesService, DEMO_TESTS_SEEDER],
})
export class TestCasesModule {}
