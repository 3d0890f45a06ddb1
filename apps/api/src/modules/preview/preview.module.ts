import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { VersioningModule } from '../versioning/versioning.module';
import { PreviewController } from './preview.controller';
import { PreviewService } from './preview.service';

@Module({ imports: [VersioningModule, ConversationsModule], controllers: [PreviewController], providers: [PreviewService], exports: [PreviewService] })
export class PreviewModule {}
