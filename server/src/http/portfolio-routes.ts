// Scenarios, their runs and reports, the PPP view and shared trenches (docs/planning-model.md,
// "Shared last mile", "Portfolio under a budget", "Uncertainty", "PPP view").
import { Router, type Request, type Response } from 'express';
import { scopeFor } from './request-principal.ts';
import { z, ZodError } from 'zod';
import { ParameterError } from '../planning/parameters.ts';
import { effective } from '../portfolio/model.ts';
import { scenarioCsv, scenarioGeoJson } from '../portfolio/export.ts';
import { PlanStateError, currentPlanningParameters } from '../portfolio/plan-source.ts';
import { DEFAULT_PPP, pppView, type PppParams } from '../portfolio/ppp.ts';
import { pppCsv, pppGeoJson } from '../portfolio/ppp-export.ts';
import { loadPppSettlements } from '../portfolio/ppp-source.ts';
import { renderReportHtml } from '../portfolio/report-html.ts';
import { scopeRun } from '../portfolio/scope.ts';
import { regionNames } from '../portfolio/region-names.ts';
import { LANGS } from '../portfolio/report-labels.ts';
import { compareScenarios } from '../portfolio/scenario-run.ts';
import {
  ScenarioError, createScenario, deleteScenario, duplicateScenario, getRun, getScenario, listRuns, listScenarios, updateScenario,
  type Scenario,
} from '../portfolio/scenario-store.ts';
import { settlementTrench } from '../portfolio/trench-source.ts';
import type { AppContext } from './context.ts';
import { ApiError, asyncHandler, fromZod, parseInput } from './errors.ts';
import { startJob } from './job-routes.ts';
import { runOnThread } from '../jobs/job-thread.ts';
import { csvSeparator, requestLang } from './request-lang.ts';

const nameSchema = z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,63}$/u, 'a name is 1–64 letters, digits, _ . or -, starting with a letter or digit');
const budgetSchema = z.number().finite().min(0).max(1e15);
const createSchema = z.strictObject({ name: nameSchema, description: z.string().max(2000).nullish(), params: z.unknown().optional(), budgetKzt: budgetSchema });
const updateSchema = z.strictObject({ description: z.string().max(2000).nullish(), params: z.unknown().optional(), budgetKzt: budgetSchema.optional() });
const duplicateSchema = z.strictObject({ name: nameSchema, description: z.string().max(2000).nullish() });
const runSchema = z.strictObject({ budgetKzt: budgetSchema.optional() });
// lang itself is read by requestLang (?lang=, else Accept-Language, else ru); listed here so a bad one is a 400.
const langSchema = z.object({ lang: z.enum(LANGS).optional(), run: z.coerce.number().int().positive().optional() });
const pppQuery = z.object({
  region: z.string().min(1).max(64).optional(),
  lang: z.enum(LANGS).optional(),
  takeUp: z.coerce.number().min(0).max(1).optional(),
  arpuKztPerMonth: z.coerce.number().min(0).max(1e7).optional(),
  years: z.coerce.number().int().min(1).max(50).optional(),
  rate: z.coerce.number().min(0).max(1).optional(),
  limit: z.coerce.number().int().min(1).max(10000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Parameters are checked when saved, so a broken scenario cannot wait to fail at run time. */
function validParams(params: unknown): void {
  try {
    effective(params ?? {});
  } catch (err) {
    if (err instanceof ParameterError) throw new ApiError(400, 'invalid_parameters', err.message, err.problems.map((p) => ({ field: `params.planning.${p.field}`, message: p.message })));
    if (err instanceof ZodError) throw fromZod(err, 'params');
    throw err;
  }
}

function toApiError(err: unknown): unknown {
  if (err instanceof ScenarioError) return new ApiError(err.code === 'scenario_exists' ? 409 : 404, err.code, err.message);
  if (err instanceof PlanStateError) return new ApiError(409, err.code, err.message);
  if (err instanceof ParameterError) return new ApiError(400, 'invalid_parameters', err.message, err.problems);
  return err;
}

const handle = (h: Parameters<typeof asyncHandler>[0]) =>
  asyncHandler(async (req, res, next) => {
    try {
      await h(req, res, next);
    } catch (err) {
      throw toApiError(err);
    }
  });

function download(res: Response, type: string, filename: string, body: string): void {
  res.type(type);
  res.set('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(body);
}

const fileName = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, '_');

/** Partners (scoped to regions) see a scenario's settings, not its national totals. */
function scopedScenario(req: Request, s: Scenario): Scenario {
  if (!scopeFor(req).regions || !s.latestRun) return s;
  return { ...s, latestRun: { id: s.latestRun.id, ranAt: s.latestRun.ranAt, paramsHash: s.latestRun.paramsHash } };
}

async function scopedRun(db: AppContext['db'], req: Request, name: string, id: number | null) {
  return scopeRun(await getRun(db, name, id), scopeFor(req).regions);
}

export function portfolioRoutes(ctx: AppContext): Router {
  const r = Router();
  const db = ctx.db;

  r.get('/api/scenarios', handle(async (req, res) => {
    res.json({ items: (await listScenarios(db)).map((s) => scopedScenario(req, s)) });
  }));

  r.post('/api/scenarios', handle(async (req, res) => {
    const body = parseInput(createSchema, req.body, 'body');
    validParams(body.params);
    res.status(201).json(await createScenario(db, { ...body, params: body.params ?? {} }));
  }));

  r.get('/api/scenarios/compare', handle(async (req, res) => {
    const names = parseInput(z.object({ names: z.string().min(1) }), req.query, 'query').names.split(',').map((s) => s.trim()).filter(Boolean);
    if (names.length < 2) throw ApiError.badRequest('compare needs two or more scenario names', [{ field: 'names', message: 'e.g. names=base,lean' }]);
    const regions = scopeFor(req).regions;
    res.json(await compareScenarios(db, names, (run) => scopeRun(run, regions)));
  }));

  // What a new scenario starts from: the planning parameters in force (with their ranges) and the
  // Monte Carlo defaults. '_defaults' cannot be a scenario name (names start with a letter or digit).
  r.get('/api/scenarios/_defaults', handle(async (_req, res) => {
    const { params } = effective({});
    res.json({ planning: await currentPlanningParameters(db), seed: params.seed, draws: params.draws, distribution: params.distribution });
  }));

  r.get('/api/scenarios/:name', handle(async (req, res) => {
    res.json(scopedScenario(req, await getScenario(db, String(req.params.name))));
  }));

  r.put('/api/scenarios/:name', handle(async (req, res) => {
    const body = parseInput(updateSchema, req.body, 'body');
    if (body.params !== undefined) validParams(body.params);
    res.json(await updateScenario(db, String(req.params.name), body));
  }));

  r.delete('/api/scenarios/:name', handle(async (req, res) => {
    await deleteScenario(db, String(req.params.name));
    res.status(204).end();
  }));

  r.post('/api/scenarios/:name/duplicate', handle(async (req, res) => {
    const body = parseInput(duplicateSchema, req.body, 'body');
    res.status(201).json(await duplicateScenario(db, String(req.params.name), body.name, body.description));
  }));

  // A job (job-routes.ts): 202 with its URL at once; the result is the run, as GET …/runs/:id.
  r.post('/api/scenarios/:name/run', handle(async (req, res) => {
    const body = parseInput(runSchema, req.body ?? {}, 'body');
    const name = String(req.params.name);
    await getScenario(db, name); // an unknown scenario is a 404 now, not a failed job
    // On the job thread (seconds of CPU), so the server thread keeps answering everyone else.
    await startJob(ctx, req, res, 'scenario-run', (progress) => runOnThread(db, 'scenarioRun', { name, budgetKzt: body.budgetKzt }, progress));
  }));

  r.get('/api/scenarios/:name/runs', handle(async (req, res) => {
    const runs = await listRuns(db, String(req.params.name));
    // Partners see when and with what a scenario ran, not its national totals (as scopedScenario).
    const items = scopeFor(req).regions ? runs.map(({ totalCostKzt: _c, beneficiaries: _b, ...run }) => run) : runs;
    res.json({ items });
  }));

  // One stored run as JSON (the web app's plan view); 'latest' for the newest. Narrowed for partners.
  r.get('/api/scenarios/:name/runs/:id', handle(async (req, res) => {
    const { id } = parseInput(z.object({ id: z.union([z.literal('latest'), z.coerce.number().int().positive()]) }), req.params, 'path');
    const run = await scopedRun(db, req, String(req.params.name), id === 'latest' ? null : id);
    res.json({ scenario: run.scenario, runId: run.id, ranAt: run.ranAt, paramsHash: run.paramsHash, dataVersion: run.dataVersion, ...run.result });
  }));

  r.get('/api/scenarios/:name/report.html', handle(async (req, res) => {
    const q = parseInput(langSchema, req.query, 'query');
    const lang = requestLang(req);
    const run = await scopedRun(db, req, String(req.params.name), q.run ?? null);
    res.type('text/html; charset=utf-8').send(renderReportHtml(run, lang, await regionNames(db, lang)));
  }));

  r.get('/api/scenarios/:name/report.csv', handle(async (req, res) => {
    const q = parseInput(langSchema, req.query, 'query');
    const lang = requestLang(req);
    const sep = csvSeparator(req);
    const run = await scopedRun(db, req, String(req.params.name), q.run ?? null);
    download(res, 'text/csv; charset=utf-8', `${fileName(run.scenario)}-${run.id}-${lang}.csv`, scenarioCsv(run, { lang, sep, regionNames: await regionNames(db, lang) }));
  }));

  r.get('/api/scenarios/:name/report.geojson', handle(async (req, res) => {
    const q = parseInput(langSchema, req.query, 'query');
    const run = await scopedRun(db, req, String(req.params.name), q.run ?? null);
    res.type('application/geo+json').send(JSON.stringify(scenarioGeoJson(run)));
  }));

  async function ppp(req: Request) {
    const q = parseInput(pppQuery, req.query, 'query');
    const planning = await currentPlanningParameters(db);
    const params: PppParams = {
      ...DEFAULT_PPP,
      years: q.years ?? planning.finance.years,
      rate: q.rate ?? planning.finance.discountRate,
      usdToKzt: planning.finance.kztPerUsd,
      ...(q.takeUp !== undefined && { takeUp: q.takeUp }),
      ...(q.arpuKztPerMonth !== undefined && { arpuKztPerMonth: q.arpuKztPerMonth }),
    };
    const lang = requestLang(req);
    const cases = pppView(await loadPppSettlements(db, lang, q.region ?? null, scopeFor(req).regions ?? null), params);
    return { q, lang, params, cases };
  }

  r.get('/api/ppp', handle(async (req, res) => {
    const { q, params, cases } = await ppp(req);
    res.json({ total: cases.length, params, items: cases.slice(q.offset, q.offset + q.limit) });
  }));

  r.get('/api/ppp.csv', handle(async (req, res) => {
    const { lang, cases } = await ppp(req);
    const csv = pppCsv(cases, { lang, sep: csvSeparator(req), regionNames: await regionNames(db, lang) });
    download(res, 'text/csv; charset=utf-8', `ppp-${lang}.csv`, csv);
  }));

  r.get('/api/ppp.geojson', handle(async (req, res) => {
    res.type('application/geo+json').send(JSON.stringify(pppGeoJson((await ppp(req)).cases)));
  }));

  r.get('/api/trenches', handle(async (req, res) => {
    const q = parseInput(z.object({ settlement: z.string().min(1).max(200), scenario: nameSchema.optional() }), req.query, 'query');
    const eff = q.scenario
      ? effective((await getScenario(db, q.scenario)).params)
      : effective({ planning: await currentPlanningParameters(db) });
    const t = await settlementTrench(db, q.settlement, eff.planning);
    const regions = scopeFor(req).regions;
    if (regions && !(t.admin1Id !== null && regions.includes(t.admin1Id))) throw ApiError.notFound(`settlement '${q.settlement}'`);
    if (!t.trench) {
      throw new ApiError(404, 'no_fibre_facilities', `no unconnected facility of settlement '${q.settlement}' takes fibre, so it has no trench`, t.otherFacilities.map((f) => ({ field: f.facilityId, message: `${f.gapClass}, ${f.technology}` })));
    }
    const fx = eff.model.usdToKzt;
    const tr = t.trench;
    res.type('application/geo+json').send(JSON.stringify({
      type: 'Feature',
      id: `trench:${t.settlementId}`,
      geometry: tr.geometry,
      properties: {
        settlementId: t.settlementId, layout: 'mst', pathMethod: t.pathMethod, accessPoints: tr.accessPoints, facilityIds: tr.facilityIds,
        lengthM: tr.lengthM, standaloneLengthM: tr.standaloneLengthM,
        tcoKzt: tr.tcoUsd * fx, standaloneTcoKzt: tr.standaloneTcoUsd * fx, savingKzt: tr.savingUsd * fx,
        shares: tr.shares.map((s) => ({ facilityId: s.facilityId, standaloneTcoKzt: s.standaloneTcoUsd * fx, allocatedTcoKzt: s.allocatedTcoUsd * fx })),
        otherFacilities: t.otherFacilities,
      },
    }));
  }));

  return r;
}
