import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { HandoffsController } from './handoffs.controller';
import { HandoffsRepository } from './handoffs.repository';
import { HandoffsService } from './handoffs.service';

@Module({ imports: [ConversationsModule], controllers: [HandoffsController], providers: [HandoffsRepository, HandoffsService] })
export class HandoffsModule {}
