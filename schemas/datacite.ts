// The DataCite Metadata Schema 4.6 as a JSON Schema, in the JSON shape of the DataCite REST API's
// `data.attributes` (camelCase properties, `lang` for xml:lang, lists for repeatable properties).
// Written from the schema's documentation (docs/citations.md "DataCite"): the six mandatory
// properties (Identifier, Creator, Title, Publisher, PublicationYear, ResourceType with its
// resourceTypeGeneral) are required, and every controlled list of 4.6 is an enum. Free-text
// sub-properties are strings; other properties are refused, so a misspelt one is caught.

/** resourceTypeGeneral (4.6 adds Award and Project). */
export const DATACITE_RESOURCE_TYPES = [
  'Audiovisual', 'Award', 'Book', 'BookChapter', 'Collection', 'ComputationalNotebook', 'ConferencePaper',
  'ConferenceProceeding', 'DataPaper', 'Dataset', 'Dissertation', 'Event', 'Image', 'Instrument',
  'InteractiveResource', 'Journal', 'JournalArticle', 'Model', 'OutputManagementPlan', 'PeerReview',
  'PhysicalObject', 'Preprint', 'Project', 'Report', 'Service', 'Software', 'Sound', 'Standard',
  'StudyRegistration', 'Text', 'Workflow', 'Other',
] as const;

/** contributorType (4.6 adds Translator). */
export const DATACITE_CONTRIBUTOR_TYPES = [
  'ContactPerson', 'DataCollector', 'DataCurator', 'DataManager', 'Distributor', 'Editor', 'HostingInstitution',
  'Producer', 'ProjectLeader', 'ProjectManager', 'ProjectMember', 'RegistrationAgency', 'RegistrationAuthority',
  'RelatedPerson', 'Researcher', 'ResearchGroup', 'RightsHolder', 'Sponsor', 'Supervisor', 'Translator',
  'WorkPackageLeader', 'Other',
] as const;

/** dateType (4.6 adds Coverage). */
export const DATACITE_DATE_TYPES = [
  'Accepted', 'Available', 'Copyrighted', 'Collected', 'Coverage', 'Created', 'Issued', 'Submitted', 'Updated',
  'Valid', 'Withdrawn', 'Other',
] as const;

/** relationType (4.6 adds HasTranslation and IsTranslationOf). */
export const DATACITE_RELATION_TYPES = [
  'IsCitedBy', 'Cites', 'IsSupplementTo', 'IsSupplementedBy', 'IsContinuedBy', 'Continues', 'IsDescribedBy',
  'Describes', 'HasMetadata', 'IsMetadataFor', 'HasVersion', 'IsVersionOf', 'IsNewVersionOf',
  'IsPreviousVersionOf', 'IsPartOf', 'HasPart', 'IsPublishedIn', 'IsReferencedBy', 'References',
  'IsDocumentedBy', 'Documents', 'IsCompiledBy', 'Compiles', 'IsVariantFormOf', 'IsOriginalFormOf',
  'IsIdenticalTo', 'IsReviewedBy', 'Reviews', 'IsDerivedFrom', 'IsSourceOf', 'IsRequiredBy', 'Requires',
  'IsObsoletedBy', 'Obsoletes', 'IsCollectedBy', 'Collects', 'IsTranslationOf', 'HasTranslation',
] as const;

/** relatedIdentifierType (4.6 adds CSTR and RRID). */
export const DATACITE_RELATED_IDENTIFIER_TYPES = [
  'ARK', 'arXiv', 'bibcode', 'CSTR', 'DOI', 'EAN13', 'EISSN', 'Handle', 'IGSN', 'ISBN', 'ISSN', 'ISTC', 'LISSN',
  'LSID', 'PMID', 'PURL', 'RRID', 'UPC', 'URL', 'URN', 'w3id',
] as const;

export const DATACITE_DESCRIPTION_TYPES = ['Abstract', 'Methods', 'SeriesInformation', 'TableOfContents', 'TechnicalInfo', 'Other'] as const;
export const DATACITE_TITLE_TYPES = ['AlternativeTitle', 'Subtitle', 'TranslatedTitle', 'Other'] as const;
export const DATACITE_NAME_TYPES = ['Organizational', 'Personal'] as const;

const text = { type: 'string', minLength: 1 } as const;
const lang = { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$' } as const;
const nameIdentifier = {
  type: 'object',
  required: ['nameIdentifier', 'nameIdentifierScheme'],
  additionalProperties: false,
  properties: { nameIdentifier: text, nameIdentifierScheme: text, schemeUri: { type: 'string', format: 'uri' } },
} as const;
const affiliation = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: text, affiliationIdentifier: text, affiliationIdentifierScheme: text, schemeUri: { type: 'string', format: 'uri' } },
} as const;
const personOrOrg = {
  name: text,
  nameType: { enum: DATACITE_NAME_TYPES },
  givenName: text,
  familyName: text,
  lang,
  nameIdentifiers: { type: 'array', items: nameIdentifier },
  affiliation: { type: 'array', items: affiliation },
} as const;

/** The attributes of one DataCite record (`$id` datacite.attributes). */
export const dataciteSchema = {
  $id: 'datacite.attributes',
  type: 'object',
  required: ['identifiers', 'creators', 'titles', 'publisher', 'publicationYear', 'types'],
  additionalProperties: false,
  properties: {
    // The DOI once minted (10.<prefix>/<suffix>); absent until then (docs/citations.md).
    doi: { type: 'string', pattern: '^10\\.\\d{4,9}/\\S+$' },
    url: { type: 'string', format: 'uri' },
    identifiers: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['identifier', 'identifierType'], additionalProperties: false, properties: { identifier: text, identifierType: text } },
    },
    alternateIdentifiers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['alternateIdentifier', 'alternateIdentifierType'],
        additionalProperties: false,
        properties: { alternateIdentifier: text, alternateIdentifierType: text },
      },
    },
    creators: { type: 'array', minItems: 1, items: { type: 'object', required: ['name'], additionalProperties: false, properties: personOrOrg } },
    titles: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['title'], additionalProperties: false, properties: { title: text, titleType: { enum: DATACITE_TITLE_TYPES }, lang } },
    },
    // 4.5 made Publisher an element with identifier sub-properties; the REST API also takes a bare name.
    publisher: {
      anyOf: [
        text,
        {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: text, publisherIdentifier: text, publisherIdentifierScheme: text, schemeUri: { type: 'string', format: 'uri' }, lang },
        },
      ],
    },
    publicationYear: { anyOf: [{ type: 'string', pattern: '^\\d{4}$' }, { type: 'integer', minimum: 1000, maximum: 9999 }] },
    types: {
      type: 'object',
      required: ['resourceTypeGeneral'],
      properties: { resourceTypeGeneral: { enum: DATACITE_RESOURCE_TYPES }, resourceType: { type: 'string' } },
    },
    subjects: {
      type: 'array',
      items: {
        type: 'object',
        required: ['subject'],
        additionalProperties: false,
        properties: { subject: text, subjectScheme: text, schemeUri: { type: 'string', format: 'uri' }, valueUri: { type: 'string', format: 'uri' }, classificationCode: text, lang },
      },
    },
    contributors: {
      type: 'array',
      items: { type: 'object', required: ['name', 'contributorType'], additionalProperties: false, properties: { ...personOrOrg, contributorType: { enum: DATACITE_CONTRIBUTOR_TYPES } } },
    },
    dates: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'dateType'],
        additionalProperties: false,
        // RKMS-ISO 8601: a date, a date and time, or a range with `/`.
        properties: { date: { type: 'string', pattern: '^\\d{4}(-\\d{2}(-\\d{2}(T[0-9:.+Z-]+)?)?)?(/(\\d{4}(-\\d{2}(-\\d{2}(T[0-9:.+Z-]+)?)?)?)?)?$' }, dateType: { enum: DATACITE_DATE_TYPES }, dateInformation: text },
      },
    },
    language: lang,
    relatedIdentifiers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['relatedIdentifier', 'relatedIdentifierType', 'relationType'],
        additionalProperties: false,
        properties: {
          relatedIdentifier: text,
          relatedIdentifierType: { enum: DATACITE_RELATED_IDENTIFIER_TYPES },
          relationType: { enum: DATACITE_RELATION_TYPES },
          relatedMetadataScheme: text,
          schemeUri: { type: 'string', format: 'uri' },
          schemeType: text,
          resourceTypeGeneral: { enum: DATACITE_RESOURCE_TYPES },
        },
      },
    },
    sizes: { type: 'array', items: text },
    formats: { type: 'array', items: text },
    version: text,
    rightsList: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { rights: text, rightsUri: { type: 'string', format: 'uri' }, rightsIdentifier: text, rightsIdentifierScheme: text, schemeUri: { type: 'string', format: 'uri' }, lang },
      },
    },
    descriptions: {
      type: 'array',
      items: { type: 'object', required: ['description', 'descriptionType'], additionalProperties: false, properties: { description: text, descriptionType: { enum: DATACITE_DESCRIPTION_TYPES }, lang } },
    },
    schemaVersion: { type: 'string' },
  },
} as const;
