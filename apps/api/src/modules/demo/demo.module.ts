import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { FlowsModule } from '../flows/flows.module';
import { NluDataModule } from '../nlu-data/nlu-data.module';
import { VersioningModule } from '../versioning/versioning.module';
import { DemoSeeder } from './demo-seeder';

/** `app.get(DemoSeeder).seedIfEmpty()` at start loads flows/xianyu on a fresh installation. */
@Module({ imports: [BotsModule, FlowsModule, NluDataModule, VersioningModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
