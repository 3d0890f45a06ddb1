import { Module } from '@nestjs/common';
import { NluDataModule } from '../nlu-data/nlu-data.module';
import { VersioningModule } from '../versioning/versioning.module';
import { FlowsController } from './flows.controller';
import { FlowsService } from './flows.service';

@Module({ imports: [VersioningModule, NluDataModule], controllers: [FlowsController], providers: [FlowsService], exports: [FlowsService] })
export class FlowsModule {}
