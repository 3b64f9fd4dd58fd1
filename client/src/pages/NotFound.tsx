import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../components/Layout';

/** 404 page for unknown client routes. */
export default function NotFound() {
  const { t } = useTranslation();
  useTitle(t('notFound.title'));
  return (
    <section className="page-error">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.detail')}</p>
      <Link className="button" to="/">
        {t('notFound.back')}
      </Link>
    </section>
  );
}
