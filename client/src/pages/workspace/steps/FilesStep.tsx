import { useTranslation } from 'react-i18next';
import type { WorkingDataset } from '../types';
import UploadPanel from '../UploadPanel';

/** Step 6: sample files, guidelines and other documents, uploaded straight to storage. */
export default function FilesStep({ dataset, readOnly, onChanged }: { dataset: WorkingDataset; readOnly: boolean; onChanged: () => void }) {
  const { t } = useTranslation('workspace');
  const accessLevel = (dataset.disclosure as { accessLevel?: string } | undefined)?.accessLevel;
  const hasSample = dataset.artifacts.some((a) => a.kind === 'sample' && a.status === 'available');
  return (
    <>
      {!hasSample && accessLevel !== 'closed' && <p className="notice">{t('upload.sampleNeeded')}</p>}
      <UploadPanel datasetId={dataset.id} artifacts={dataset.artifacts} readOnly={readOnly} onChanged={onChanged} />
    </>
  );
}
