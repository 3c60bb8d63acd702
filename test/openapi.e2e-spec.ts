import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODES } from '@app/common/problem';
import { TestApp, createTestApp } from './support/test-app';

const SPEC_FILE = join(__dirname, '..', 'openapi.json');

/**
 * The committed openapi.json is the contract clients generate from (the web app's typed client).
 * It must be what the code serves: run `npm run openapi:write` after changing a route or DTO.
 */
describe('OpenAPI spec', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is served at /docs-json and /docs', async () => {
    const json = await t.http.get('/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(json.body.paths['/api/v1/organizations']).toBeDefined();
    await t.http.get('/docs').expect(200);
  });

  it('lists every problem code of the wording catalog as the ProblemCode enum of Problem.code', async () => {
    const { components } = (await t.http.get('/docs-json').expect(200)).body;
    expect(components.schemas.Problem.properties.code).toEqual({ $ref: '#/components/schemas/ProblemCode' });
    expect(components.schemas.ProblemCode.enum).toEqual([...PROBLEM_CODES]);
    expect(components.schemas.ProblemCode.enum).toEqual(
      expect.arrayContaining(['validation_failed', 'policy.cap_exceeded', 'bids.duplicate']),
    );
  });

  it('matches the committed openapi.json', async () => {
    const served = `${JSON.stringify((await t.http.get('/docs-json').expect(200)).body, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === 'true') writeFileSync(SPEC_FILE, served);
    const committed = readFileSync(SPEC_FILE, 'utf8');
    expect(committed).toBe(served);
  });
});
