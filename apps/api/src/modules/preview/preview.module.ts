import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { VersioningModule } from '../versioning/versioning.module';
import { PreviewController } from './preview.controller';
import { PreviewService } from './preview.service';

@Module({ imports: [VersioningModule, InferenceModule, ConversationsModule], controllers: [PreviewController], providers: [PreviewService] })
export class PreviewModule {}
