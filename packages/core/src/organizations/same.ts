/**
 * Whether a document's 部门(单位)名称 names the department a user belongs to. Forms write the same
 * body in several ways — with or without its city ("某市某区司法局" / "某区司法局"), with the
 * stamp's note ("（盖章）"), "机关", "本级", full-width letters or spaces — so a name matches when,
 * written plainly, one contains the other. A different body (another district's 司法局) or a unit under it
 * (its 法律援助中心) does not match: importing it for this department is the admin's decision.
 */
export function sameOrganization(documentName: string, departmentName: string): boolean {
  const a = plainOrganizationName(documentName);
  const b = plainOrganizationName(departmentName);
  if (!a || !b) return false;
  return a.includes(b) || b.includes(a);
}

/** The name as a reader compares it: full-width folded, without spaces, stamp notes and 机关/本级. */
export function plainOrganizationName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[（(](?:盖章|公章|本级|本局|机关|单位盖章)[)）]/g, '')
    .replace(/(?:机关|本级)$/u, '');
}
