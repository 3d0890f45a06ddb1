import { Module } from '@nestjs/common';
import { VersioningModule } from '../versioning/versioning.module';
import { NluDataController } from './nlu-data.controller';
import { NluDataService } from './nlu-data.service';

@Module({ imports: [VersioningModule], controllers: [NluDataController], providers: [NluDataService], exports: [NluDataService] })
export class NluDataModule {}
