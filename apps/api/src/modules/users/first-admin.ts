import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/config';
import { CONFIG } from '../../infra/config/config.module';
import { FirstStartReport } from '../../infra/config/first-start';
import { LOGGER, type Logger } from '../../infra/logging/logger';
import { UsersService } from './users.service';

/** On the very first start (no users yet) creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD, or a generated password. */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(FirstStartReport) private readonly firstStart: FirstStartReport,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.users.ensureFirstAdmin(this.config.admin.email, this.config.admin.password);
    if (!created) return;
    this.firstStart.record({ admin: { email: created.email, password: created.password } });
    // `npm start` prints the notes file in its banner once and then deletes it: say so, and what to do after.
    if (created.generated) {
      this.logger.warn(
        { email: created.email },
        `first admin created with a generated password, written to ${this.config.dataDir}/first-start.json until \`npm start\` shows it once in its banner (then the file is deleted); lost it? npm run user:password -- ${created.email} <new password>`,
      );
    }
    else this.logger.info({ email: created.email }, 'first admin created from ADMIN_EMAIL / ADMIN_PASSWORD');
  }
}
