// Downloading a file: the policy engine decides, then a presigned URL valid for 5 minutes (a redirect, or JSON).
import type { Request, Response } from 'express';
import { PURPOSE_CODES } from '../../schemas/taxonomy';
import { callerRequester } from '../access/requester';
import { recordAudit } from '../audit/record';
import { filesOf } from '../datasets/files';
import { loadReadableDataset } from '../datasets/load';
import type { ArtifactDoc, DatasetDoc } from '../datasets/model';
import { actorOf } from '../http/context';
import { depsOf } from '../http/deps';
import { AppError, notFound } from '../http/errors';
import { rulesOfFace } from '../policy/dataset-rules';
import { evaluate } from '../policy/evaluate';
import { explain } from '../policy/messages';
import { countDownload } from '../stats/record';
import type { Purpose } from '../policy/types';
import { downloadScope } from './download-rule';
import { findArtifact } from './target';

const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

/** `?purpose=` of a download (default research); 400 naming the parameter when it is not a purpose. */
function purposeQuery(req: Request): Purpose {
  const raw = req.query.purpose;
  if (raw === undefined || raw === '') return 'research';
  if (typeof raw === 'string' && (PURPOSE_CODES as readonly string[]).includes(raw)) return raw as Purpose;
  throw new AppError(400, 'validation_failed', { count: 1 }, [
    { path: '/query/purpose', code: 'enum', params: { allowedValues: [...PURPOSE_CODES] } },
  ]);
}

/**
 * The files a caller may download from: the approved set for the public; for the provider's people
 * and reviewers the working copy and the approved set (a file removed in a revision stays public
 * until the revision is approved).
 */
function downloadableFiles(doc: DatasetDoc, view: 'working' | 'live'): ArtifactDoc[] {
  const live = filesOf(doc, 'live');
  if (view === 'live') return live;
  return [...doc.artifacts, ...live.filter((a) => !doc.artifacts.some((w) => w.id === a.id))];
}

/** Hands out a presigned URL of a file when the policy engine allows the caller its scope; 403 with the decision otherwise. */
export async function download(req: Request, res: Response): Promise<void> {
  // Presigning never contacts S3: check it answers before handing out a download URL (503 otherwise).
  await depsOf(req).storage.assertAvailable();
  const user = req.ctx.user;
  const purpose = purposeQuery(req);
  const { doc, view } = await loadReadableDataset(String(req.params.id), user);
  const artifact = findArtifact(downloadableFiles(doc, view), String(req.params.artifactId));
  if (artifact.status !== 'available') throw notFound('artifact_not_found');
  // The engine decides; the 403 carries its decision, reasons and requirements (401 is never
  // used: an anonymous caller reads decision sign_in_required).
  const scope = downloadScope(artifact.kind);
  const evaluation = evaluate(rulesOfFace(doc, view), await callerRequester(user, doc), purpose, scope);
  if (evaluation.decision !== 'allow') {
    throw new AppError(403, 'download_not_allowed', {}, undefined, { scope, purpose, ...explain(evaluation, req.ctx.lang) });
  }
  countDownload(req, res, doc, artifact.id, scope); // usage statistics, written after the response (docs/statistics.md)
  const { url, expiresAt } = await depsOf(req).storage.presignGet(artifact.key, DOWNLOAD_URL_TTL_SECONDS, {
    filename: artifact.filename,
    contentType: artifact.contentType,
  });
  await recordAudit(
    actorOf(req.ctx),
    'artifact.download_url_issued',
    { type: 'dataset', id: doc._id, organizationId: doc.providerId },
    { artifactId: artifact.id, kind: artifact.kind, scope, purpose },
  );
  res.set('Cache-Control', 'no-store');
  if (req.query.format === 'json') res.json({ url, expiresAt });
  else res.redirect(302, url);
}
