import type { LoggerService } from '@nestjs/common';
import { StartupQuietLogger } from './startup-logger';

const recorder = () => {
  const calls: [string, unknown[]][] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      calls.push([level, args]);
  const inner: LoggerService = {
    log: at('log'),
    error: at('error'),
    warn: at('warn'),
    debug: at('debug'),
    verbose: at('verbose'),
  };
  return { calls, logger: new StartupQuietLogger(inner) };
};

describe('StartupQuietLogger', () => {
  it('moves Nest’s start-up lines (modules, routes, "started") down to debug', () => {
    const { calls, logger } = recorder();
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('AwardsController {/api/v1/challenges/:id}:', 'RoutesResolver');
    logger.log('Mapped {/api/v1/challenges/:id/stages/:n/gate, GET} route', 'RouterExplorer');
    logger.log('Nest application successfully started', 'NestApplication');
    expect(calls.map(([level]) => level)).toEqual(['debug', 'debug', 'debug', 'debug']);
    expect(calls[2][1]).toEqual(['Mapped {/api/v1/challenges/:id/stages/:n/gate, GET} route', 'RouterExplorer']);
  });

  it('keeps every other line, and warnings and errors from Nest’s own contexts, as they are', () => {
    const { calls, logger } = recorder();
    logger.log('api listening on http://127.0.0.1:3000', 'Main');
    logger.log('no context');
    logger.warn('route conflict', 'RouterExplorer');
    logger.error('module failed', 'stack', 'InstanceLoader');
    expect(calls).toEqual([
      ['log', ['api listening on http://127.0.0.1:3000', 'Main']],
      ['log', ['no context']],
      ['warn', ['route conflict', 'RouterExplorer']],
      ['error', ['module failed', 'stack', 'InstanceLoader']],
    ]);
  });
});
