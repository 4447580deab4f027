// The license domain, as the contract (test/sandbox/contract/license-api.yaml) describes it.
// Schemas validate every response at run time; the types are inferred from them so that
// the two can never disagree. Unknown JSON fields are ignored (contract rule): v.object drops them
// from the output, so what an answer adds to the contract (10 MB of it, nested 5,000 deep) is never
// cached, sent to a UI or walked by withoutSecrets.
import * as v from 'valibot';

const ROLES = ['STUDENT', 'TEACHER', 'ADMIN'] as const;
export const ASSIGNEE_TYPES = ['USER', 'GROUP'] as const;
const TOOL_TYPES = ['INTEGRATED', 'FREE', 'LOCAL', 'EXTERNAL'] as const;
const LICENSE_KINDS = ['SINGLE', 'CLASS', 'SCHOOL'] as const;
const LOCALES = ['sv', 'nb', 'en'] as const;
const ERROR_CODES = [
  'BAD_REQUEST',
  'SESSION_EXPIRED',
  'CSRF_INVALID',
  'NOT_ADMIN',
  'NOT_FOUND',
  'BATCH_TOO_LARGE',
  'INVALID',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;
const REVOKE_OUTCOMES = ['REVOKED', 'ALREADY_REVOKED', 'NOT_FOUND', 'FORBIDDEN', 'FAILED'] as const;
const ASSIGN_OUTCOMES = ['ASSIGNED', 'ALREADY_ASSIGNED', 'NO_SEATS', 'NOT_ELIGIBLE', 'FAILED'] as const;

/** The contract's batch limit for assign and revoke. */
export const MAX_BATCH = 100;

const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const idName = v.object({ id: v.string(), name: v.string() });

export const ErrorBodySchema = v.object({
  error: v.object({ code: v.picklist(ERROR_CODES), message: v.string() }),
});

export const SessionSchema = v.object({
  user: v.object({ id: v.string(), name: v.string(), email: v.optional(v.string()) }),
  role: v.picklist(['SCHOOL_ADMIN', 'ORG_ADMIN']),
  organization: v.optional(
    // Every entry is optional, and v.object takes an array for such an object: refuse it first.
    v.pipe(
      v.custom<{ id?: string; name?: string }>(
        (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
        'expected an object, not an array',
      ),
      v.object({ id: v.optional(v.string()), name: v.optional(v.string()) }),
    ),
  ),
  schools: v.array(idName),
  activeSchoolId: v.string(),
  csrfToken: v.string(),
  locale: v.picklist(LOCALES),
});

const ToolSchema = v.object({
  id: v.string(),
  name: v.string(),
  supplier: v.optional(v.string()),
  toolType: v.picklist(TOOL_TYPES),
  category: v.optional(v.string()),
  grades: v.optional(v.array(v.string())),
  seats: count,
  assigned: count,
  nextExpiry: v.optional(v.nullable(isoDate)),
});

export const ToolPageSchema = v.object({
  tools: v.array(ToolSchema),
  nextCursor: v.nullable(v.string()),
});

const LicenseSchema = v.object({
  id: v.string(),
  kind: v.picklist(LICENSE_KINDS),
  seats: count,
  assigned: count,
  validUntil: isoDate,
  availableTo: v.array(v.picklist(ROLES)),
  poolId: v.optional(v.nullable(v.string())),
});

const PoolSchema = v.object({
  id: v.string(),
  name: v.string(),
  licenseIds: v.array(v.string()),
  seats: v.pipe(v.number(), v.integer()),
  assigned: v.pipe(v.number(), v.integer()),
  autoAddNewLicenses: v.optional(v.boolean()),
});

export const ToolDetailSchema = v.object({
  tool: ToolSchema,
  licenses: v.array(LicenseSchema),
  pools: v.array(PoolSchema),
});

const AssigneeRefSchema = v.object({ type: v.picklist(ASSIGNEE_TYPES), id: v.string() });

const AssigneeSchema = v.object({
  type: v.picklist(ASSIGNEE_TYPES),
  id: v.string(),
  name: v.string(),
  role: v.optional(v.picklist(ROLES)),
  email: v.optional(v.string()),
  groups: v.optional(v.array(idName)),
  memberCount: v.optional(v.pipe(v.number(), v.integer())),
  active: v.optional(v.boolean()),
});

const AssignmentSchema = v.object({
  id: v.string(),
  licenseId: v.string(),
  poolId: v.optional(v.nullable(v.string())),
  assignee: AssigneeSchema,
  // The contract's date-time (RFC 3339, with its zone), as the sandbox and any ISO writer gives it.
  assignedAt: v.pipe(v.string(), v.isoTimestamp('expected a date-time')),
});

const AssignmentWithToolSchema = v.object({
  ...AssignmentSchema.entries,
  toolId: v.string(),
  toolName: v.string(),
});

export const AssignmentPageSchema = v.object({
  assignments: v.array(AssignmentSchema),
  nextCursor: v.nullable(v.string()),
  total: v.optional(v.pipe(v.number(), v.integer())),
});

export const PeopleSchema = v.object({ people: v.array(AssigneeSchema) });
export const AssignmentsOfSchema = v.object({ assignments: v.array(AssignmentWithToolSchema) });

export const RevokeResultSchema = v.object({
  dryRun: v.boolean(),
  results: v.array(
    v.object({
      assignmentId: v.string(),
      outcome: v.picklist(REVOKE_OUTCOMES),
      message: v.optional(v.string()),
    }),
  ),
});

export const AssignResultSchema = v.object({
  results: v.array(
    v.object({
      assignee: AssigneeRefSchema,
      outcome: v.picklist(ASSIGN_OUTCOMES),
      assignmentId: v.optional(v.string()),
      message: v.optional(v.string()),
    }),
  ),
});

export type Role = (typeof ROLES)[number];
export type Locale = (typeof LOCALES)[number];
export type ErrorCode = (typeof ERROR_CODES)[number];
export type RevokeOutcome = (typeof REVOKE_OUTCOMES)[number];
export type AssignOutcome = (typeof ASSIGN_OUTCOMES)[number];
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;
export type Session = v.InferOutput<typeof SessionSchema>;
export type Tool = v.InferOutput<typeof ToolSchema>;
export type ToolPage = v.InferOutput<typeof ToolPageSchema>;
export type License = v.InferOutput<typeof LicenseSchema>;
export type Pool = v.InferOutput<typeof PoolSchema>;
export type ToolDetail = v.InferOutput<typeof ToolDetailSchema>;
export type AssigneeRef = v.InferOutput<typeof AssigneeRefSchema>;
export type Assignee = v.InferOutput<typeof AssigneeSchema>;
export type Assignment = v.InferOutput<typeof AssignmentSchema>;
export type AssignmentWithTool = v.InferOutput<typeof AssignmentWithToolSchema>;
export type AssignmentPage = v.InferOutput<typeof AssignmentPageSchema>;
export type RevokeResult = v.InferOutput<typeof RevokeResultSchema>;
export type AssignResult = v.InferOutput<typeof AssignResultSchema>;
