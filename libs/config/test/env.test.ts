import { z } from 'zod';
import { ConfigError, httpUrl, json, logLevel, port, readAll, readEnv, readLogLevel, text, wholeNumber } from '../src';

const shape = {
  ORDO_EXAMPLE_PORT: port().default(4000),
  ORDO_EXAMPLE_URL: httpUrl().optional(),
  ORDO_EXAMPLE_WORKERS: wholeNumber(1, 8).optional(),
  ORDO_LOG_LEVEL: logLevel(),
};

function problemOf(step: () => unknown): ConfigError {
  try {
    step();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}

describe('readEnv', () => {
  it('answers the parsed values, with the defaults of unset and blank variables', () => {
    expect(readEnv(shape, {})).toEqual({
      ORDO_EXAMPLE_PORT: 4000,
      ORDO_EXAMPLE_URL: undefined,
      ORDO_EXAMPLE_WORKERS: undefined,
      ORDO_LOG_LEVEL: 'info',
    });
    expect(
      readEnv(shape, {
        ORDO_EXAMPLE_PORT: ' ',
        ORDO_EXAMPLE_URL: 'https://erp.example.com/v2/',
        ORDO_EXAMPLE_WORKERS: '3',
        ORDO_LOG_LEVEL: ' WARN ',
      }),
    ).toEqual({
      ORDO_EXAMPLE_PORT: 4000,
      ORDO_EXAMPLE_URL: 'https://erp.example.com/v2/',
      ORDO_EXAMPLE_WORKERS: 3,
      ORDO_LOG_LEVEL: 'warn',
    });
  });

  it('names every bad variable in one error, each with the value it had', () => {
    const error = problemOf(() =>
      readEnv(shape, {
        ORDO_EXAMPLE_PORT: 'eighty',
        ORDO_EXAMPLE_URL: 'erp.local',
        ORDO_EXAMPLE_WORKERS: '2',
        ORDO_LOG_LEVEL: 'loud',
      }),
    );

    expect(error.variables).toEqual(['ORDO_EXAMPLE_PORT', 'ORDO_EXAMPLE_URL', 'ORDO_LOG_LEVEL']);
    expect(error.variable).toBe('ORDO_EXAMPLE_PORT');
    expect(error.message).toBe(
      'Invalid configuration: ORDO_EXAMPLE_PORT must be a port number between 0 and 65535 (got "eighty"); ' +
        'ORDO_EXAMPLE_URL must be an http(s) URL (got "erp.local"); ' +
        'ORDO_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
    );
  });

  it('says each problem of a variable once', () => {
    // 1.5 is neither whole nor at least 2: one message says what the variable takes.
    expect(problemOf(() => readEnv({ N: wholeNumber(2, 9) }, { N: '1.5' })).problems).toEqual([
      { variable: 'N', problem: 'must be a whole number between 2 and 9 (got "1.5")' },
    ]);
  });

  it('never echoes the value of a secret', () => {
    const secrets = {
      ORDO_EXAMPLE_TOKEN: z.string().min(16, 'must be at least 16 characters'),
      ORDO_EXAMPLE_KEY_FILE: z.string().min(16, 'must be a long path'),
    };
    const error = problemOf(() => readEnv(secrets, { ORDO_EXAMPLE_TOKEN: 'hunter2', ORDO_EXAMPLE_KEY_FILE: '/k' }));
    expect(error.message).toBe(
      'Invalid configuration: ORDO_EXAMPLE_TOKEN must be at least 16 characters; ORDO_EXAMPLE_KEY_FILE must be a long path',
    );
  });

  it('never shows where inside a secret a problem is: the path may be the secret itself', () => {
    const tokens = json(
      z.record(z.string(), z.object({ id: z.string().min(3, 'must be 3 characters or more') })),
      '{}',
    );
    const error = problemOf(() =>
      readEnv({ ORDO_EXAMPLE_TOKENS: tokens }, { ORDO_EXAMPLE_TOKENS: '{"hunter2": {"id": "x"}}' }),
    );
    expect(error.message).toBe('Invalid configuration: ORDO_EXAMPLE_TOKENS is invalid: must be 3 characters or more');
  });

  it('words zod’s own messages, missing variables and problems inside a JSON value', () => {
    const roles = json(
      z.record(z.string(), z.array(z.enum(['clerk', 'cfo'], { error: 'must be clerk or cfo' }))),
      '{"<actor>": ["<role>"]}',
    );
    const error = problemOf(() =>
      readEnv(
        { REQUIRED: text(), ROLES: roles, BROKEN: roles, ZOD: z.string().email() },
        { ROLES: '{"ada": ["clerk", "root"]}', BROKEN: '{', ZOD: 'x' },
      ),
    );
    expect(error.problems).toEqual([
      { variable: 'REQUIRED', problem: 'must be set' },
      {
        variable: 'ROLES',
        problem: 'is invalid at ada.1: must be clerk or cfo (got "{\\"ada\\": [\\"clerk\\", \\"root\\"]}")',
      },
      { variable: 'BROKEN', problem: 'is not valid JSON (expected {"<actor>": ["<role>"]}) (got "{")' },
      { variable: 'ZOD', problem: 'is invalid: Invalid email address (got "x")' },
    ]);
  });
});

describe('readAll', () => {
  it('answers every result in order', () => {
    expect(
      readAll(
        () => 1,
        () => 'two',
      ),
    ).toEqual([1, 'two']);
  });

  it('throws the problems of every failed step together', () => {
    const codecLikeError = Object.assign(new Error('Invalid configuration: ORDO_CODEC_KEYS is missing'), {
      variable: 'ORDO_CODEC_KEYS',
      problem: 'is missing',
    });
    const error = problemOf(() =>
      readAll(
        () => readEnv({ ORDO_EXAMPLE_PORT: port() }, { ORDO_EXAMPLE_PORT: '70000' }),
        () => readLogLevel({ ORDO_LOG_LEVEL: 'chatty' }),
        () => {
          throw codecLikeError;
        },
      ),
    );
    expect(error.variables).toEqual(['ORDO_EXAMPLE_PORT', 'ORDO_LOG_LEVEL', 'ORDO_CODEC_KEYS']);
    expect(error.message).toMatch(
      /^Invalid configuration: ORDO_EXAMPLE_PORT .*; ORDO_LOG_LEVEL .*; ORDO_CODEC_KEYS is missing$/,
    );
  });

  it('lets other errors through as they are', () => {
    const bug = new TypeError('not a configuration problem');
    expect(() =>
      readAll(() => {
        throw bug;
      }),
    ).toThrow(bug);
  });
});

describe('ConfigError', () => {
  it('also takes a single variable and problem', () => {
    const error = new ConfigError('ORDO_EXAMPLE', 'needs ORDO_OTHER as well');
    expect(error.message).toBe('Invalid configuration: ORDO_EXAMPLE needs ORDO_OTHER as well');
    expect(error.problems).toEqual([{ variable: 'ORDO_EXAMPLE', problem: 'needs ORDO_OTHER as well' }]);
    expect(error.name).toBe('ConfigError');
  });
});
