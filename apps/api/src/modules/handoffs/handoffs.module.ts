import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { HandoffsController } from './handoffs.controller';
import { HandoffsService } from './handoffs.service';

@Module({ imports: [ConversationsModule], controllers: [HandoffsController], providers: [HandoffsService] })
export class HandoffsModule {}
