import { Module } from '@nestjs/common';
import { SandboxController } from './sandbox.controller';

/** The clearly named sandbox marketplace (fake orders) the demo bot's http node talks to. */
@Module({ controllers: [SandboxController] })
export class SandboxModule {}
