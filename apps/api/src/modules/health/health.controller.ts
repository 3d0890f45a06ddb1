import { Controller, Get, HttpException, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';

@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  async health(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    let ok = true;
    try {
      await this.dataSource.query('SELECT 1');
      checks['db'] = 'ok';
    } catch (error) {
      ok = false;
      checks['db'] = error instanceof Error ? error.message : 'down';
    }
    if (!ok) throw new HttpException({ error: 'unhealthy', status: 'down', checks }, 503);
    return { status: 'ok', checks };
  }
}
