import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runWithLogContext, setLogContext } from './log-context';
import { createLogger, NestPinoLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', 'test', stream) };
}

describe('logger', () => {
  it("keeps Nest's per-module and per-route start-up lines out of info, but not its other messages", () => {
    const { lines, logger } = capture();
    const nest = new NestPinoLogger(logger);
    nest.log('Mapped {/v1/bots, GET} route', 'RouterExplorer');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(lines.map(({ msg }) => msg)).toEqual(['Nest application successfully started']);
  });

  it('writes JSON lines carrying the request id and, once set, the conversation id', async () => {
    const { lines, logger } = capture();
    await runWithLogContext({ requestId: 'r-1' }, async () => {
      logger.info('before');
      await new Promise((resolve) => setTimeout(resolve, 1));
      setLogContext({ conversationId: 'c-9' });
      logger.info('after');
    });
    logger.info('outside');
    expect(lines.map(({ msg, requestId, conversationId }) => ({ msg, requestId, conversationId }))).toEqual([
      { msg: 'before', requestId: 'r-1', conversationId: undefined },
      { msg: 'after', requestId: 'r-1', conversationId: 'c-9' },
      { msg: 'outside', requestId: undefined, conversationId: undefined },
    ]);
  });

  it('keeps concurrent contexts apart', async () => {
    const { lines, logger } = capture();
    await Promise.all(
      ['a', 'b'].map((id) =>
        runWithLogContext({ requestId: id }, async () => {
          await new Promise((resolve) => setTimeout(resolve, id === 'a' ? 5 : 1));
          setLogContext({ conversationId: `conv-${id}` });
          logger.info(id);
        }),
      ),
    );
    expect(lines.map((line) => [line['msg'], line['requestId'], line['conversationId']]).sort()).toEqual([
      ['a', 'a', 'conv-a'],
      ['b', 'b', 'conv-b'],
    ]);
  });
});
