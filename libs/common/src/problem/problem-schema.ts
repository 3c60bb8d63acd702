import { PROBLEM_CODES } from './wording/problem-wording';

/**
 * The OpenAPI schemas of problem+json: `Problem`, whose `code` is the `ProblemCode` enum — every
 * code the wording catalog knows (one source: problem/wording). Added to the document by the api's
 * bootstrap, so clients generate one union of codes.
 */
export function problemSchemas(): Record<string, object> {
  return {
    ProblemCode: { type: 'string', enum: [...PROBLEM_CODES], description: 'Stable machine-readable problem code.' },
    FieldProblem: {
      type: 'object',
      required: ['field', 'message'],
      properties: {
        field: { type: 'string', description: 'Dotted path of the offending input field, e.g. `stages[1].endsAt`.' },
        message: { type: 'string', description: 'What is wrong, in the language of Content-Language.' },
        reason: { type: 'string', description: 'Why, as a stable code, where there is one (a weak password).' },
      },
    },
    Problem: {
      type: 'object',
      description:
        'RFC 9457 problem details. `detail` and `errors[].message` are worded in the caller’s language ' +
        '(Accept-Language: Chinese by default, English on request; the answer says which in Content-Language).',
      required: ['type', 'title', 'status', 'code'],
      additionalProperties: true,
      properties: {
        type: { type: 'string', example: 'urn:jiebang:problem:policy.cap_exceeded' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        instance: { type: 'string' },
        code: { $ref: '#/components/schemas/ProblemCode' },
        errors: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' } },
        requestId: { type: 'string' },
        retryAfter: { type: 'integer' },
      },
    },
  };
}
