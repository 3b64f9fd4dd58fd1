import type { Request } from 'express';
import { Types, type QueryFilter } from 'mongoose';
import { badRequest } from '../http/errors';
import { intQuery, listQuery, route } from '../http/route';
import { AuditEvent, type AuditEventDoc } from './model';

function dateQuery(req: Request, name: string): Date | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  const d = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw badRequest('invalid_query', { name });
  return d;
}

function auditFilter(req: Request): QueryFilter<AuditEventDoc> {
  const filter: QueryFilter<AuditEventDoc> = {};
  const actions = listQuery(req, 'action');
  if (actions.length) filter.action = { $in: actions };
  const actorId = req.query.actorId;
  if (actorId !== undefined) {
    if (typeof actorId !== 'string' || !/^[0-9a-f]{24}$/i.test(actorId)) throw badRequest('invalid_query', { name: 'actorId' });
    filter.actorId = new Types.ObjectId(actorId);
  }
  if (typeof req.query.targetType === 'string' && req.query.targetType) filter.targetType = req.query.targetType;
  if (typeof req.query.targetId === 'string' && req.query.targetId) filter.targetId = req.query.targetId;
  const from = dateQuery(req, 'from');
  const to = dateQuery(req, 'to');
  if (from || to) filter.at = { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
  return filter;
}

/** An audit event for administrators. */
function presentAuditEvent(e: AuditEventDoc) {
  return {
    id: String(e._id),
    at: e.at,
    actor: e.actorId ? { id: String(e.actorId), email: e.actorEmail ?? null } : null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    organizationId: e.organizationId ? String(e.organizationId) : null,
    details: e.details,
    ip: e.ip,
  };
}

export const auditRoutes = [
  route({
    method: 'get',
    path: '/audit',
    permission: ['admin'],
    response: 'audit.list',
    paging: 200,
    tag: 'audit',
    summary: 'Audit events, newest first (filters: action, actorId, targetType, targetId, from, to)',
    async handler(req, res) {
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 50, 1, 200);
      const filter = auditFilter(req);
      const [total, docs] = await Promise.all([
        AuditEvent.countDocuments(filter),
        AuditEvent.find(filter)
          .sort({ at: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<AuditEventDoc[]>(),
      ]);
      res.json({ items: docs.map(presentAuditEvent), total, page, pageSize });
    },
  }),
];
