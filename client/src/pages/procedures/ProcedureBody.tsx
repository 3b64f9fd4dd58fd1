// The content of one procedure version, section by section (detail page).
import { labelOf } from '@schemas/taxonomy';
import { useTranslation } from 'react-i18next';
import { Bi } from '../../components/Bi';
import { useFormat, useLang } from '../../lib/hooks';
import type { ProcedureContent } from './model';
import { usePercent, useTargetFormat } from './parts';

/** Guideline, label schema, workforce, tools, workflow and QA of one version. */
export function ProcedureBody({ content }: { content: ProcedureContent }) {
  const { t } = useTranslation('procedures');
  const lang = useLang();
  const { number } = useFormat();
  const percent = usePercent();
  const f = useTargetFormat();
  const classes = content.labelSchema?.classes ?? [];
  const attributes = content.labelSchema?.attributes ?? [];
  const steps = content.steps ?? [];
  const qa = content.qa;
  const none = <p className="muted">{t('common.notGiven')}</p>;

  return (
    <>
      <section aria-labelledby="sec-guideline">
        <h2 id="sec-guideline">{t('detail.guideline')}</h2>
        {content.guideline?.summary ? <Bi as="p" text={content.guideline.summary} toggle /> : none}
      </section>

      <section aria-labelledby="sec-classes">
        <h2 id="sec-classes">{t('fields.classes')}</h2>
        {classes.length ? (
          <div className="table-wrap">
            <table data-testid="label-classes">
              <caption className="visually-hidden">{t('detail.classesCaption', { count: classes.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('fields.code')}</th>
                  <th scope="col">{t('fields.name')}</th>
                  <th scope="col">{t('fields.description')}</th>
                </tr>
              </thead>
              <tbody>
                {classes.map((c) => (
                  <tr key={c.code}>
                    <th scope="row">
                      <code>{c.code}</code>
                    </th>
                    <td>
                      <Bi text={c.name} />
                    </td>
                    <td>{c.description ? <Bi text={c.description} /> : <span className="muted">{t('common.none')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          none
        )}
      </section>

      <section aria-labelledby="sec-attributes">
        <h2 id="sec-attributes">{t('fields.attributes')}</h2>
        {attributes.length ? (
          <div className="table-wrap">
            <table data-testid="label-attributes">
              <thead>
                <tr>
                  <th scope="col">{t('fields.code')}</th>
                  <th scope="col">{t('fields.name')}</th>
                  <th scope="col">{t('fields.attributeType')}</th>
                  <th scope="col">{t('fields.values')}</th>
                </tr>
              </thead>
              <tbody>
                {attributes.map((a) => (
                  <tr key={a.code}>
                    <th scope="row">
                      <code>{a.code}</code>
                    </th>
                    <td>
                      <Bi text={a.name} />
                    </td>
                    <td>{t(`attributeTypes.${a.type}`)}</td>
                    <td>
                      {a.values?.length ? (
                        <ul className="inline-list">
                          {a.values.map((v) => (
                            <li key={v}>
                              <AttributeValue value={v} />
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="muted">{t('common.none')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t('detail.noAttributes')}</p>
        )}
      </section>

      <div className="two-col">
        <section aria-labelledby="sec-workforce">
          <h2 id="sec-workforce">{t('fields.workforce')}</h2>
          {content.workforce ? (
            <dl className="facts" data-testid="workforce">
              <dt>{t('fields.workforceType')}</dt>
              <dd>{content.workforce.type ? labelOf('workforceTypes', content.workforce.type, lang) : t('common.none')}</dd>
              <dt>{t('fields.annotatorsPerItem')}</dt>
              <dd>{content.workforce.annotatorsPerItem !== undefined ? number(content.workforce.annotatorsPerItem) : t('common.none')}</dd>
              <dt>{t('fields.qualification')}</dt>
              <dd>{content.workforce.qualification ? <Bi text={content.workforce.qualification} /> : t('common.none')}</dd>
            </dl>
          ) : (
            none
          )}
        </section>

        <section aria-labelledby="sec-tools">
          <h2 id="sec-tools">{t('fields.tools')}</h2>
          {content.tools?.length ? (
            <ul className="tool-list" data-testid="tools">
              {content.tools.map((tool) => (
                <li key={tool}>{tool}</li>
              ))}
            </ul>
          ) : (
            none
          )}
        </section>
      </div>

      <section aria-labelledby="sec-steps">
        <h2 id="sec-steps">{t('fields.steps')}</h2>
        {steps.length ? (
          <ol className="workflow-steps" data-testid="workflow-steps">
            {steps.map((s, i) => (
              <li key={i}>
                <h3>
                  <Bi text={s.name} />
                </h3>
                <Bi as="p" text={s.description} />
              </li>
            ))}
          </ol>
        ) : (
          none
        )}
      </section>

      <section aria-labelledby="sec-qa" data-testid="qa-targets">
        <h2 id="sec-qa">{t('fields.qa')}</h2>
        {qa ? (
          <>
            <dl className="facts">
              <dt>{t('fields.inspection')}</dt>
              <dd>{qa.inspection ? labelOf('inspectionTypes', qa.inspection, lang) : t('common.none')}</dd>
              {qa.inspection !== 'full' && (
                <>
                  <dt>{t('fields.samplingRate')}</dt>
                  <dd>{qa.samplingRate !== undefined ? percent(qa.samplingRate) : t('common.none')}</dd>
                </>
              )}
              <dt>{t('fields.verifiedBy')}</dt>
              <dd>{qa.verifiedBy ? labelOf('verifiers', qa.verifiedBy, lang) : t('common.none')}</dd>
            </dl>
            <h3>{t('fields.targets')}</h3>
            {qa.targets?.length ? (
              <div className="table-wrap">
                <table className="qa-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('fields.metric')}</th>
                      <th scope="col">{t('fields.target')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {qa.targets.map((target) => (
                      <tr key={target.metric}>
                        <th scope="row">{f.metric(target.metric)}</th>
                        <td>
                          <strong className="qa-target-bound">{f.short(target)}</strong>
                          <span className="muted"> · {f.words(target)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              none
            )}
          </>
        ) : (
          none
        )}
      </section>
    </>
  );
}

/**
 * An attribute value as people read it: its common label when there is one ("여성", "Quiet room"),
 * with the code annotators write kept beside it; unknown codes are shown as they are.
 */
export function AttributeValue({ value }: { value: string }) {
  const { t, i18n } = useTranslation('procedures');
  const key = `attributeValues.${value}`;
  if (!i18n.exists(key, { ns: 'procedures' })) return <code>{value}</code>;
  return (
    <span className="attribute-value">
      {t(key)} <code className="muted small">{value}</code>
    </span>
  );
}
