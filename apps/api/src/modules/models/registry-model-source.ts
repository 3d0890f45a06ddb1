import type { ModelSource } from '../../infra/inference/onnx/model-source';
import type { ModelBundle } from '../../infra/inference/onnx/onnx-nlu-models';
import type { ModelsRepository } from './models.repository';

/**
 * The registry as the inference adapter's model source: the bot's latest activation names the version
 * (`<bot>@v<number>`, immutable); a bot with shipped models but no versions gets them as version 1 first.
 */
export class RegistryModelSource implements ModelSource {
  private readonly listeners: ((bot: string) => void)[] = [];

  constructor(
    private readonly repo: ModelsRepository,
    private readonly ensureShipped: (bot: string) => Promise<void>,
  ) {}

  onChange(listener: (bot: string) => void): void {
    this.listeners.push(listener);
  }

  /** Called after an activation in this process, so it takes effect on the next turn. */
  notify(bot: string): void {
    for (const l of this.listeners) l(bot);
  }

  async activeVersion(bot: string): Promise<string | null> {
    let active = await this.repo.active(bot);
    if (!active) {
      await this.ensureShipped(bot);
      active = await this.repo.active(bot);
    }
    return active ? `${bot}@v${active.number}` : null;
  }

  async load(bot: string, version: string): Promise<ModelBundle> {
    const number = Number(version.slice(version.lastIndexOf('@v') + 2));
    const v = await this.repo.find(bot, number);
    const artefacts = v && (await this.repo.artefacts(v.id));
    if (!artefacts) throw new Error(`model version ${version} has no artefacts (not trained yet, or training failed)`);
    return artefacts;
  }
}
