import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type AppConfig, CONFIG } from './config';
import { FirstStartReport } from './first-start';

export { CONFIG };

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }, FirstStartReport], exports: [CONFIG, FirstStartReport] };
  }
}
