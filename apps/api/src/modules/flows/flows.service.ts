import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ENTITY_KINDS, parseFlow, validateFlow, type Flow } from '@zhishou/flow-schema';
import { BotDirectory } from '../versioning/bot-directory';
import { VersioningService } from '../versioning/versioning.service';
import type { ValidationIssueWire } from '@zhishou/flow-schema';
import type { DocumentRef } from '../versioning/versioning.types';
import { NluDataService } from '../nlu-data/nlu-data.service';
import { diffFlows } from './flow-diff';

export const FLOW_KIND = 'flow';

/** Flows as versioned documents: schema + migrations via parseFlow, graph checks via validateFlow. */
@Injectable()
export class FlowsService implements OnModuleInit {
  constructor(
    @Inject(VersioningService) private readonly versioning: VersioningService,
    @Inject(BotDirectory) private readonly bots: BotDirectory,
    @Inject(NluDataService) private readonly nlu: NluDataService,
  ) {}

  onModuleInit(): void {
    this.versioning.registerKind<Flow>(FLOW_KIND, {
      parse: (doc) => {
        const r = parseFlow(doc);
        return r.ok ? { ok: true, value: r.flow } : { ok: false, issues: r.errors };
      },
      validate: (flow, ctx) => this.validationIssues(ctx.bot, flow),
      diff: diffFlows,
      // A conversation stays on the flow versions it started with (the gate is the test-case check).
      pinned: true,
    });
  }

  /** validateFlow with the bot's context: its intents, slot types and other flows. */
  async validationIssues(bot: string, flow: Flow): Promise<ValidationIssueWire[]> {
    const [nlu, flows] = await Promise.all([this.nlu.get(bot), this.versioning.list(bot, FLOW_KIND)]);
    const flowKeys = [...new Set([...flows.map((f) => f.key), flow.key])];
    return validateFlow(flow, {
      intents: nlu.document.intents.map((i) => i.key),
      slotTypes: [...ENTITY_KINDS, ...nlu.document.slotTypes.map((s) => s.key)],
      flowKeys,
    });
  }

  async ref(bot: string, key: string): Promise<DocumentRef> {
    await this.bots.require(bot);
    return { bot, kind: FLOW_KIND, key };
  }
}
