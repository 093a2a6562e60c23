export { plainOrganizationName, sameOrganization } from './same.ts';
