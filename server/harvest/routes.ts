// The harvesting API (docs/harvesting.md, docs/api.md): sources, runs and curation. Admins only,
// except curation (admins and the provider's reviewers).
import type { Request } from 'express';
import { Types } from 'mongoose';
import { presentDataset } from '../datasets/presenter';
import { providersOf } from '../datasets/providers';
import type { OrganizationDoc } from '../organizations/model';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { notFound } from '../http/errors';
import { intQuery, route } from '../http/route';
import { curateDataset } from './curation';
import { HarvestRun, HarvestSource, type HarvestRunDoc, type HarvestSourceDoc } from './model';
import { presentRun, presentRunSummary, presentSources } from './presenter';
import { startRun } from './run';
import { createSource, deleteSource, loadSource, updateSource } from './sources';

const paging = (req: Request) => ({ page: intQuery(req, 'page', 1, 1, 10_000), pageSize: intQuery(req, 'pageSize', 20, 1, 100) });

async function presentOneSource(doc: HarvestSourceDoc) {
  return (await presentSources([doc]))[0];
}

async function loadRun(id: string): Promise<HarvestRunDoc> {
  const run = /^[0-9a-f]{24}$/i.test(id) ? await HarvestRun.findById(id).lean<HarvestRunDoc>() : null;
  if (!run) throw notFound('harvest_run_not_found');
  return run;
}

export const harvestRoutes = [
  route({
    method: 'get',
    path: '/harvest/sources',
    permission: ['admin'],
    response: 'harvest.sourceList',
    paging: 100,
    tag: 'harvest',
    summary: 'Harvest sources, newest first, with their last run and how many datasets each holds',
    async handler(req, res) {
      const { page, pageSize } = paging(req);
      const [total, docs] = await Promise.all([
        HarvestSource.countDocuments({}),
        HarvestSource.find({}).sort({ createdAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<HarvestSourceDoc[]>(),
      ]);
      res.json({ items: await presentSources(docs), total, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/harvest/sources',
    permission: ['admin'],
    body: 'harvest.sourceCreate',
    responses: [201],
    response: { schema: 'harvest.source', headers: { Location: true } },
    tag: 'harvest',
    summary: 'Register a harvest source (DCAT-US data.json, DCAT-AP JSON-LD or CKAN package_search) for a provider organisation, with a schedule',
    async handler(req, res) {
      const doc = await createSource(req.ctx, req.body, depsOf(req).config.harvest);
      res.status(201).location(`/api/v1/harvest/sources/${doc._id}`).json(await presentOneSource(doc));
    },
  }),
  route({
    method: 'get',
    path: '/harvest/sources/:id',
    permission: ['admin'],
    response: 'harvest.source',
    tag: 'harvest',
    summary: 'Read a harvest source',
    async handler(req, res) {
      res.json(await presentOneSource(await loadSource(String(req.params.id))));
    },
  }),
  route({
    method: 'patch',
    path: '/harvest/sources/:id',
    permission: ['admin'],
    body: 'harvest.sourceUpdate',
    response: 'harvest.source',
    tag: 'harvest',
    summary: 'Change a harvest source’s name, URL, schedule or whether it is enabled',
    async handler(req, res) {
      res.json(await presentOneSource(await updateSource(req.ctx, String(req.params.id), req.body, depsOf(req).config.harvest)));
    },
  }),
  route({
    method: 'delete',
    path: '/harvest/sources/:id',
    permission: ['admin'],
    responses: [204],
    tag: 'harvest',
    summary: 'Remove a harvest source and its run history; the datasets it harvested are withdrawn (409 while it runs)',
    async handler(req, res) {
      await deleteSource(req.ctx, String(req.params.id));
      res.status(204).end();
    },
  }),
  route({
    method: 'post',
    path: '/harvest/sources/:id/runs',
    permission: ['admin'],
    responses: [202],
    response: { schema: 'harvest.run', headers: { Location: true } },
    tag: 'harvest',
    summary: 'Run a harvest now: answers 202 with the run (status running), which goes on in the background (409 harvest_running when one is running)',
    async handler(req, res) {
      const source = await loadSource(String(req.params.id));
      const { config, log } = depsOf(req);
      const run = await startRun(source, 'manual', actorOf(req.ctx), config.harvest, log);
      res.status(202).location(`/api/v1/harvest/runs/${run._id}`).json(presentRun(run, req.ctx.t));
    },
  }),
  route({
    method: 'get',
    path: '/harvest/sources/:id/runs',
    permission: ['admin'],
    response: 'harvest.runList',
    paging: 100,
    tag: 'harvest',
    summary: 'A harvest source’s runs, newest first',
    async handler(req, res) {
      const source = await loadSource(String(req.params.id));
      const { page, pageSize } = paging(req);
      const filter = { sourceId: source._id };
      const [total, runs] = await Promise.all([
        HarvestRun.countDocuments(filter),
        HarvestRun.find(filter).sort({ startedAt: -1, _id: -1 }).skip((page - 1) * pageSize).limit(pageSize).lean<HarvestRunDoc[]>(),
      ]);
      res.json({ items: runs.map(presentRunSummary), total, page, pageSize });
    },
  }),
  route({
    method: 'get',
    path: '/harvest/runs/:id',
    permission: ['admin'],
    response: 'harvest.run',
    tag: 'harvest',
    summary: 'A harvest run report: counts, skipped records with reasons (first 200), and the error that ended a failed run',
    async handler(req, res) {
      res.json(presentRun(await loadRun(String(req.params.id)), req.ctx.t));
    },
  }),
  route({
    method: 'post',
    path: '/harvest/datasets/:id/curation',
    permission: ['admin', 'reviewer'],
    body: 'harvest.curation',
    response: 'datasets.view',
    tag: 'harvest',
    summary: 'Confirm a harvested dataset’s technology areas and modalities (kept across later harvests); answers the dataset',
    async handler(req, res) {
      const doc = await curateDataset(req.ctx, String(req.params.id), req.body);
      const providers = await providersOf([new Types.ObjectId(String(doc.providerId))]);
      res.json(presentDataset(doc, 'working', providers.get(String(doc.providerId)) as OrganizationDoc | undefined, req.ctx.lang));
    },
  }),
];
