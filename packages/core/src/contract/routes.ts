// 接口一览 — each route with the schema of its answer: the server's tests parse every answer by it, and
// the web's calls are typed by it (ApiAnswer), so neither side can drift from the other unseen.
import { z } from 'zod';
import {
  fiscalYearSchema,
  frameworkEntrySchema,
  indicatorChoicesSchema,
  libraryAnswerSchema,
  monitoringRowSchema,
  monitoringStatusShape,
  recomputeProgressSchema,
  rectificationItemSchema,
  rectificationSchema,
  surveySavedSchema,
  surveySchema,
  targetTraceShape,
  targetViewShape,
} from './admin.ts';
import {
  accountSchema,
  createdSchema,
  departmentSchema,
  dispositionEntrySchema,
  evaluationAnswerSchema,
  importPreviewSchema,
  importSavedSchema,
  listItemSchema,
  listPageSchema,
  passwordChangedSchema,
  passwordResetSchema,
  publicReportSchema,
  revisionSchema,
  reviewSavedSchema,
  savedSchema,
  sessionSchema,
  transitionSchema,
} from './evaluations.ts';
import { carryOverSchema, resultsUseSchema } from './results.ts';
import { dashboardSchema, summaryTableSchema } from './summary.ts';

export type ApiMethod = 'GET' | 'POST' | 'PUT';

/** Routes as "METHOD /path/:param" with the schema of a successful (2xx JSON) answer. */
export const API_ROUTES = {
  'POST /api/login': sessionSchema,
  'GET /api/me': sessionSchema,
  'POST /api/me/password': passwordChangedSchema,
  'POST /api/logout': z.strictObject({ ok: z.literal(true) }),
  'GET /api/users': z.array(accountSchema),
  'POST /api/users': accountSchema.omit({ disabled: true }).partial({ mustChangePassword: true }),
  'PUT /api/users/:id': accountSchema,
  'POST /api/users/:id/reset-password': passwordResetSchema,
  'GET /api/departments': z.array(departmentSchema),
  'POST /api/departments': z.strictObject({ id: z.number().int(), name: z.string() }),
  'GET /api/evaluations': z.union([z.array(listItemSchema), listPageSchema]),
  'POST /api/evaluations': createdSchema,
  'GET /api/evaluations/:id': evaluationAnswerSchema,
  'PUT /api/evaluations/:id': savedSchema,
  'PUT /api/evaluations/:id/review': reviewSavedSchema,
  'GET /api/evaluations/:id/revisions': z.array(revisionSchema),
  'POST /api/evaluations/:id/submit': transitionSchema,
  'POST /api/evaluations/:id/return': transitionSchema,
  'POST /api/evaluations/:id/accept': transitionSchema,
  'POST /api/evaluations/:id/publish': transitionSchema,
  'POST /api/evaluations/:id/findings/dismiss': dispositionEntrySchema,
  'POST /api/evaluations/:id/findings/restore': dispositionEntrySchema,
  'GET /api/evaluations/:id/findings/history': z.array(dispositionEntrySchema),
  'GET /api/evaluations/:id/rectifications': z.array(rectificationSchema),
  'POST /api/evaluations/:id/rectifications': rectificationSchema,
  'PUT /api/rectifications/:id': rectificationSchema,
  'GET /api/rectifications': z.array(rectificationItemSchema),
  'GET /api/evaluations/:id/carry-over': carryOverSchema,
  'GET /api/results-use': resultsUseSchema,
  'GET /api/evaluations/:id/monitoring': monitoringStatusShape,
  'PUT /api/evaluations/:id/monitoring/:month': monitoringStatusShape,
  'GET /api/monitoring': z.array(monitoringRowSchema),
  'GET /api/evaluations/:id/indicators/:indicator/survey': surveySchema.nullable(),
  'PUT /api/evaluations/:id/indicators/:indicator/survey': surveySavedSchema,
  'GET /api/evaluations/:id/targets': targetTraceShape.nullable(),
  'GET /api/evaluations/:id/indicator-choices': indicatorChoicesSchema,
  'GET /api/indicators': libraryAnswerSchema,
  'GET /api/targets': z.array(targetViewShape),
  'POST /api/targets': targetViewShape,
  'GET /api/targets/:id': targetViewShape,
  'PUT /api/targets/:id': targetViewShape,
  'POST /api/targets/:id/submit': targetViewShape,
  'POST /api/targets/:id/return': targetViewShape,
  'POST /api/targets/:id/approve': targetViewShape,
  'POST /api/targets/:id/adjust': targetViewShape,
  'POST /api/targets/:id/evaluation': createdSchema,
  'POST /api/import': importPreviewSchema,
  'POST /api/import/save': importSavedSchema,
  'GET /api/public/reports': z.array(listItemSchema),
  'GET /api/public/reports/:id': publicReportSchema,
  'GET /api/summary': summaryTableSchema,
  'GET /api/dashboard': dashboardSchema,
  'GET /api/frameworks': z.array(frameworkEntrySchema),
  'POST /api/frameworks': frameworkEntrySchema,
  'GET /api/admin/recompute': recomputeProgressSchema,
  'GET /api/years': z.array(fiscalYearSchema),
  'PUT /api/years/:year': fiscalYearSchema,
} as const satisfies Record<string, z.ZodType>;

export type ApiRoute = keyof typeof API_ROUTES;
/** 接口应答 — what a route answers, as the web reads it. */
export type ApiAnswer<R extends ApiRoute> = z.infer<(typeof API_ROUTES)[R]>;

const patterns = Object.keys(API_ROUTES).map((route) => {
  const [method, path] = route.split(' ') as [ApiMethod, string];
  const re = new RegExp(`^${path.replace(/:[a-z]+/g, '[^/]+')}$`);
  return { route: route as ApiRoute, method, re };
});

/** The route a request goes to ("GET /api/evaluations/7?year=2024" → "GET /api/evaluations/:id"), if listed. */
export function apiRouteOf(method: string, url: string): ApiRoute | undefined {
  const path = url.split('?')[0]!;
  return patterns.find((p) => p.method === method.toUpperCase() && p.re.test(path))?.route;
}

/** 接口不符 — an answer outside its route's schema: which route, and where in the answer. */
export class ContractError extends Error {}

/**
 * Checks an answer against its route's schema; throws a ContractError naming the route and the places
 * that differ. An unlisted route passes unchecked (its answer is not JSON the web reads, e.g. a file).
 */
export function checkApiAnswer(method: string, url: string, body: unknown): void {
  const route = apiRouteOf(method, url);
  if (!route) return;
  const r = API_ROUTES[route].safeParse(body);
  if (!r.success) {
    const places = branchIssues(r.error.issues)
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '（整体）'}：${i.message}`)
      .join('；');
    throw new ContractError(`接口 ${route} 的应答不符合约定：${places}`);
  }
}

/**
 * An answer that may take either of two shapes (a whole list or one page of it) fails in the shape it has:
 * the union's issues are replaced by those of the branch whose top-level type matched, so the place named is
 * the field that is wrong, not "（整体）".
 */
function branchIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const shapeMatched = issue.errors.find(
      (branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
    );
    return branchIssues(shapeMatched ?? issue.errors[0]!).map((i) => ({
      ...i,
      path: [...issue.path, ...i.path],
    }));
  });
}
