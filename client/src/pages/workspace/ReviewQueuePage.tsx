import { Loading } from '../../components/Status';

/** Placeholder until this page is built. */
export default function Page() {
  return <Loading />;
}
