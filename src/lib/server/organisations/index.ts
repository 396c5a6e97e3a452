export { listOrganisations, getOrganisation, type Organisation } from './list';
export { createOrganisation, updateOrganisation } from './manage';
