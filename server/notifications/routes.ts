import { Types } from 'mongoose';
import { badRequest, notFound } from '../http/errors';
import { intQuery, route } from '../http/route';
import { Notification, type NotificationDoc } from './model';
import { presentNotification } from './presenter';

function notificationId(raw: string): Types.ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(raw)) throw notFound('notification_not_found');
  return new Types.ObjectId(raw);
}

export const notificationRoutes = [
  route({
    method: 'get',
    path: '/notifications',
    permission: 'signed_in',
    response: 'notifications.list',
    paging: 100,
    tag: 'notifications',
    summary: "The caller's notifications, unread first, newest first (`unread=true` for unread only)",
    async handler(req, res) {
      const user = req.ctx.user!;
      const page = intQuery(req, 'page', 1, 1, 10_000);
      const pageSize = intQuery(req, 'pageSize', 20, 1, 100);
      const unreadParam = req.query.unread;
      if (unreadParam !== undefined && unreadParam !== 'true' && unreadParam !== 'false')
        throw badRequest('invalid_query', { name: 'unread' });
      const filter = unreadParam === 'true' ? { userId: user.id, read: false } : { userId: user.id };
      const [total, unread, docs] = await Promise.all([
        Notification.countDocuments(filter),
        Notification.countDocuments({ userId: user.id, read: false }),
        Notification.find(filter)
          .sort({ read: 1, createdAt: -1, _id: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean<NotificationDoc[]>(),
      ]);
      res.json({ items: docs.map((d) => presentNotification(d, req.ctx.lang, req.ctx.t)), total, unread, page, pageSize });
    },
  }),
  route({
    method: 'post',
    path: '/notifications/:id/read',
    permission: 'signed_in',
    response: 'notifications.view',
    tag: 'notifications',
    summary: 'Mark one of the caller’s notifications as read (404 for anyone else’s)',
    async handler(req, res) {
      const user = req.ctx.user!;
      const _id = notificationId(String(req.params.id));
      // Owner in the filter: someone else's notification looks absent. Reading twice keeps the first time.
      await Notification.updateOne({ _id, userId: user.id, read: false }, { $set: { read: true, readAt: new Date() } });
      const doc = await Notification.findOne({ _id, userId: user.id }).lean<NotificationDoc>();
      if (!doc) throw notFound('notification_not_found');
      res.json(presentNotification(doc, req.ctx.lang, req.ctx.t));
    },
  }),
];
