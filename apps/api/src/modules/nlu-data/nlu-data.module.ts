import { Module } from '@nestjs/common';
import { InferenceModule } from '../inference/inference.module';
import { VersioningModule } from '../versioning/versioning.module';
import { NluDataController } from './nlu-data.controller';
import { NluDataService } from './nlu-data.service';

@Module({ imports: [VersioningModule, InferenceModule], controllers: [NluDataController], providers: [NluDataService], exports: [NluDataService] })
export class NluDataModule {}
