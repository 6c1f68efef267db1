/**
 * The code lists of the Ofsted Annex A template, as data. Exports write a code with a letter prefix
 * ("a) Male", "q) 6: Police"), without it ("6: Police"), as the bare code ("WBRI", "F1") or as its
 * words ("White British"); all of them are read as the same code.
 *
 * Facts copied from the published template as the regional data tools read it: Social Finance's
 * liia-tools Annex A schema (2020 and current) and data-to-insight's Standard Safeguarding Dataset
 * Annex A extract (2024). `since` marks values added in the later revision of the template.
 */

export interface CodeValue {
  /** What Waymark stores and computes with. */
  code: string;
  /** The template's words for it. */
  label: string;
  /** Other spellings seen in exports. */
  aliases?: string[];
  since?: '2024';
}

export interface CodeList {
  key: string;
  name: string;
  values: CodeValue[];
  /** Also accept any other short value (an authority's name in "LA of Placement"). */
  open?: boolean;
}

const list = (key: string, name: string, values: CodeValue[], open = false): CodeList => ({ key, name, values, open });

export const GENDER = list('gender', 'Gender', [
  { code: 'M', label: 'Male' },
  { code: 'F', label: 'Female' },
  {
    code: 'U',
    label: 'Not stated/recorded',
    aliases: ['Not stated', 'Not recorded', 'Not known', 'Unknown', 'Indeterminate'],
  },
  { code: 'I', label: 'Neither' },
]);

export const ETHNICITY = list('ethnicity', 'Ethnicity', [
  { code: 'WBRI', label: 'White British', aliases: ['A1'] },
  { code: 'WIRI', label: 'White Irish', aliases: ['A2'] },
  { code: 'WIRT', label: 'Traveller of Irish heritage', aliases: ['A4'] },
  { code: 'WOTH', label: 'Any other White background', aliases: ['A3'] },
  { code: 'WROM', label: 'Gypsy/Roma', aliases: ['A5', 'Gypsy Roma'] },
  { code: 'MWBC', label: 'White and Black Caribbean', aliases: ['B1'] },
  { code: 'MWBA', label: 'White and Black African', aliases: ['B2'] },
  { code: 'MWAS', label: 'White and Asian', aliases: ['B3'] },
  { code: 'MOTH', label: 'Any other Mixed background', aliases: ['B4'] },
  { code: 'AIND', label: 'Indian', aliases: ['C1'] },
  { code: 'APKN', label: 'Pakistani', aliases: ['C2'] },
  { code: 'ABAN', label: 'Bangladeshi', aliases: ['C3'] },
  { code: 'AOTH', label: 'Any other Asian background', aliases: ['C4'] },
  { code: 'BCRB', label: 'Caribbean', aliases: ['D1'] },
  { code: 'BAFR', label: 'African', aliases: ['D2'] },
  { code: 'BOTH', label: 'Any other Black background', aliases: ['D3'] },
  { code: 'CHNE', label: 'Chinese', aliases: ['E1'] },
  { code: 'OOTH', label: 'Any other ethnic group', aliases: ['E2'] },
  { code: 'REFU', label: 'Refused', aliases: ['E3'] },
  { code: 'NOBT', label: 'Information not yet obtained', aliases: ['E4'] },
  { code: 'UNKNOWN', label: 'Unknown', aliases: ['E5'] },
]);

/** Contact source (List 1) and referral source (List 3): the children in need census codes. */
export const SOURCE = list('source', 'Contact or referral source', [
  { code: '1A', label: 'Individual – family member, relative or carer' },
  { code: '1B', label: 'Individual – acquaintance (including neighbours and child minders)' },
  { code: '1C', label: 'Individual – self' },
  { code: '1D', label: 'Individual – other (including strangers)' },
  { code: '2A', label: 'Schools' },
  { code: '2B', label: 'Education services' },
  { code: '3A', label: 'Health services – general practitioner (GP)' },
  { code: '3B', label: 'Health services – health visitor' },
  { code: '3C', label: 'Health services – school nurse' },
  { code: '3D', label: 'Health services – other primary health services' },
  { code: '3E', label: 'Health services – A&E (accident and emergency department)' },
  { code: '3F', label: 'Health services – other (for example hospice)' },
  { code: '4', label: 'Housing – local authority housing or housing association' },
  { code: '5A', label: 'LA services – social care, for example adults social care services' },
  { code: '5B', label: 'LA services – other internal' },
  { code: '5C', label: 'LA services – external' },
  { code: '5D', label: 'LA services – early help' },
  { code: '6', label: 'Police' },
  { code: '7', label: 'Other legal agency' },
  { code: '8', label: 'Other' },
  { code: '9', label: 'Anonymous' },
  { code: '10', label: 'Unknown' },
]);

export const PRIMARY_NEED = list('need', 'Category of need', [
  { code: 'N1', label: 'Abuse or neglect' },
  { code: 'N2', label: 'Child’s disability' },
  { code: 'N3', label: 'Parental disability or illness' },
  { code: 'N4', label: 'Family in acute stress' },
  { code: 'N5', label: 'Family dysfunction' },
  { code: 'N6', label: 'Socially unacceptable behaviour' },
  { code: 'N7', label: 'Low income' },
  { code: 'N8', label: 'Absent parenting' },
  { code: 'N9', label: 'Cases other than children in need' },
  { code: 'N0', label: 'Not stated' },
]);

export const CIN_CLOSURE_REASON = list('cin-closure', 'Reason for closure', [
  { code: 'RC1', label: 'Adopted' },
  { code: 'RC2', label: 'Died' },
  { code: 'RC3', label: 'Child arrangements order' },
  { code: 'RC4', label: 'Special guardianship order' },
  { code: 'RC5', label: 'Transferred to services of another local authority' },
  { code: 'RC6', label: 'Transferred to adult social care services' },
  { code: 'RC7', label: 'Services ceased for any other reason, including child no longer in need' },
  { code: 'RC8', label: 'Case closed after assessment, no further action' },
  { code: 'RC9', label: 'Case closed after assessment, referred to early help' },
]);

export const CASE_STATUS = list('case-status', 'Case status', [
  { code: 'CLA', label: 'Looked after child' },
  { code: 'CPP', label: 'Child Protection plan' },
  { code: 'CIN', label: 'Child in need plan' },
  { code: 'ASSESSMENT', label: 'Open assessment' },
  { code: 'CLOSED', label: 'Closed episode', aliases: ['Closed'] },
]);

export const ABUSE_CATEGORY = list('abuse', 'Category of abuse', [
  { code: 'NEG', label: 'Neglect' },
  { code: 'PHY', label: 'Physical abuse' },
  { code: 'SAB', label: 'Sexual abuse' },
  { code: 'EMO', label: 'Emotional abuse' },
  { code: 'MUL', label: 'Multiple/not recommended', aliases: ['Multiple'] },
]);

export const LEGAL_STATUS = list('legal-status', 'Legal status', [
  { code: 'C1', label: 'Interim care order', aliases: ['ICO'] },
  { code: 'C2', label: 'Full care order', aliases: ['FCO'] },
  { code: 'D1', label: 'Freeing order' },
  { code: 'E1', label: 'Placement order' },
  { code: 'J1', label: 'Remanded to LA or youth detention' },
  { code: 'J2', label: 'LA accommodation under PACE' },
  { code: 'J3', label: 'Youth rehabilitation order' },
  { code: 'L1', label: 'Police protection LA accommodation' },
  { code: 'L2', label: 'Emergency protection order', aliases: ['EPO'] },
  { code: 'L3', label: 'Child assessment order LA accommodation' },
  { code: 'V2', label: 'Single period under S20' },
  { code: 'V3', label: 'Short term breaks, episodes recorded' },
  { code: 'V4', label: 'Short term breaks, agreements recorded' },
]);

export const PERMANENCE_PLAN = list('permanence', 'Permanence plan', [
  { code: 'RETURN', label: 'Return to family' },
  { code: 'ADOPTION', label: 'Adoption' },
  { code: 'SGO', label: 'SGO/CAO' },
  { code: 'SUPPORTED', label: 'Supported living in the community' },
  { code: 'RESIDENTIAL', label: 'Long-term residential placement' },
  { code: 'FOSTERING', label: 'Long-term fostering' },
  { code: 'OTHER', label: 'Other' },
]);

export const REASON_CEASED = list('reason-ceased', 'Reason ceased to be looked after', [
  { code: 'E11', label: 'Adopted - application unopposed' },
  { code: 'E12', label: 'Adopted - consent dispensed' },
  { code: 'E2', label: 'Died' },
  { code: 'E3', label: 'Care taken by another LA' },
  { code: 'E4A', label: 'Returned home to live with parents or relatives - part of planning' },
  { code: 'E4B', label: 'Returned home to live with parents or relatives - not part of planning' },
  { code: 'E13', label: 'Parents, relatives or other with no parental responsibility' },
  { code: 'E41', label: 'Residence order granted' },
  { code: 'E43', label: 'Special guardianship order (former code)' },
  { code: 'E44', label: 'Special guardianship order (former code)' },
  { code: 'E45', label: 'Special Guardianship Orders - former carer relative/friend' },
  { code: 'E46', label: 'Special Guardianship Orders - former carer other' },
  { code: 'E47', label: 'Special Guardianship Orders - relative/friend' },
  { code: 'E48', label: 'Special Guardianship Orders - other' },
  { code: 'E5', label: 'Moved into independent living - supported' },
  { code: 'E6', label: 'Moved into independent living - no support' },
  { code: 'E7', label: 'Transferred to residential care funded by adult social services' },
  { code: 'E8', label: 'Care ceased for any other reason' },
  { code: 'E9', label: 'Sentenced to custody' },
  { code: 'E14', label: 'Accommodation on remand ended' },
  { code: 'E15', label: 'Age assessment determined child was 18 or over' },
  { code: 'E16', label: 'Child moved abroad' },
  { code: 'E17', label: 'Aged 18+ and remained with current carers' },
  { code: 'X1', label: 'CodeError' },
]);

export const PLACEMENT_TYPE = list('placement-type', 'Placement type', [
  { code: 'U1', label: 'Foster placement - relatives - long term' },
  { code: 'U2', label: 'Foster placement - relative - FFA' },
  { code: 'U3', label: 'Foster placement - relative - not FFA' },
  { code: 'U4', label: 'Foster placement - long term' },
  { code: 'U5', label: 'Foster placement - FFA' },
  { code: 'U6', label: 'Foster placement - not FFA' },
  { code: 'A3', label: 'Placed for adoption - consent - current foster' },
  { code: 'A4', label: 'Placed for adoption - consent - not foster' },
  { code: 'A5', label: 'Placed for adoption - order - foster' },
  { code: 'A6', label: 'Placed for adoption - order - not foster' },
  { code: 'P1', label: 'Placed with parents' },
  { code: 'P2', label: 'Independent living' },
  { code: 'P3', label: 'Residential employment' },
  { code: 'H5', label: 'Residential accommodation' },
  { code: 'K1', label: 'Secure Children’s Homes' },
  { code: 'K2', label: 'Children’s Homes' },
  { code: 'R1', label: 'Residential Care Home' },
  { code: 'R2', label: 'NHS/Health Trust' },
  { code: 'R3', label: 'Family Centre or Mother and Baby Unit' },
  { code: 'R5', label: 'Young Offender Institution' },
  { code: 'S1', label: 'Residential school' },
  { code: 'Z1', label: 'Other placements' },
  { code: 'T0', label: 'Temporary placement' },
  { code: 'T1', label: 'Temporary placement - hospital' },
  { code: 'T2', label: 'Temporary placement - holiday' },
  { code: 'T3', label: 'Temporary placement - carer holiday' },
  { code: 'T4', label: 'Temporary placement - seven days or less' },
]);

export const PLACEMENT_PROVIDER = list('placement-provider', 'Placement provider', [
  { code: 'PR0', label: 'Parents/Parental responsibility' },
  { code: 'PR1', label: 'Own provision' },
  { code: 'PR2', label: 'Other LA provision' },
  { code: 'PR3', label: 'Other public provision' },
  { code: 'PR4', label: 'Private provision' },
  { code: 'PR5', label: 'Voluntary/third sector' },
]);

export const PLACEMENT_LOCATION = list('placement-location', 'Placement location', [
  { code: 'IN', label: 'In', aliases: ['Inside', 'In area', 'Within LA', 'Inside LA boundary'] },
  { code: 'OUT', label: 'Out', aliases: ['Outside', 'Out of area', 'Outside LA', 'Outside LA boundary'] },
]);

/**
 * LA of Placement: the authority the child lives in, which exports give as a name or a code; the
 * template's own codes are for placements outside England or confidential ones. Open: any short
 * value is kept (an authority's name is not personal data).
 */
export const LA_OF_PLACEMENT = list(
  'la-of-placement',
  'LA of placement',
  [
    { code: 'NIR', label: 'Child placed in Northern Ireland' },
    { code: 'WAL', label: 'Child placed in Wales' },
    { code: 'SCO', label: 'Child placed in Scotland' },
    { code: 'NUK', label: 'Child placed outside the UK' },
    { code: 'CON', label: 'Child placed in confidential placement' },
  ],
  true,
);

export const ELIGIBILITY = list('eligibility', 'Care leaver eligibility category', [
  { code: 'RELEVANT', label: 'Relevant child' },
  { code: 'FORMER', label: 'Former relevant child' },
  { code: 'QUALIFYING', label: 'Qualifying care leaver' },
  { code: 'ELIGIBLE', label: 'Eligible child', since: '2024' },
]);

export const IN_TOUCH = list('in-touch', 'LA in touch', [
  { code: 'YES', label: 'Yes', aliases: ['Y', 'In touch', 'True', '1'] },
  { code: 'NO', label: 'No', aliases: ['N', 'Not in touch', 'False', '0'] },
  { code: 'DIED', label: 'Died' },
  { code: 'REFU', label: 'Refu', aliases: ['Refused', 'Young person refuses contact'] },
  { code: 'NREQ', label: 'NREQ', aliases: ['Not required', 'No longer requires services'] },
  { code: 'RHOM', label: 'Rhom', aliases: ['Returned home'] },
]);

export const ACCOMMODATION = list('accommodation', 'Type of accommodation', [
  { code: 'B', label: 'Parents/relatives' },
  { code: 'C', label: 'Community home/residential care' },
  { code: 'D', label: 'Semi-independent, transitional accommodation and self-contained accommodation' },
  { code: 'E', label: 'Supported lodgings' },
  { code: 'G', label: 'Abroad' },
  { code: 'H', label: 'Deported' },
  { code: 'K', label: 'Ordinary lodgings, without formal support' },
  { code: 'R', label: 'Residence not known' },
  { code: 'S', label: 'No fixed abode/homeless' },
  { code: 'T', label: 'Foyers and similar supported accommodation' },
  { code: 'U', label: 'Independent living' },
  { code: 'V', label: 'Emergency accommodation' },
  { code: 'W', label: 'Bed and breakfast' },
  { code: 'X', label: 'In custody' },
  { code: 'Y', label: 'Other accommodation' },
  { code: 'Z', label: 'With former foster carers' },
]);

export const SUITABILITY = list('suitability', 'Suitability of accommodation', [
  { code: 'SUITABLE', label: 'Suitable', aliases: ['Yes', 'Y', '1'] },
  { code: 'UNSUITABLE', label: 'Unsuitable', aliases: ['Not suitable', 'No', 'N', '2'] },
]);

/** Care leavers' main activity: F and P are education, employment or training; G is not. */
export const ACTIVITY = list('activity', 'Activity status', [
  { code: 'F1', label: 'Full time in higher education' },
  { code: 'P1', label: 'Part time in higher education' },
  { code: 'F2', label: 'Full time in education other than higher' },
  { code: 'P2', label: 'Part time in education other than higher' },
  { code: 'F3', label: 'Full time in training or employment' },
  { code: 'P3', label: 'Part time in training or employment' },
  { code: 'F4', label: 'Young person engaged full time in an apprenticeship', since: '2024' },
  { code: 'P4', label: 'Young person engaged part time in an apprenticeship', since: '2024' },
  { code: 'F5', label: 'Young person engaged full time in training or employment (not apprenticeship)', since: '2024' },
  { code: 'P5', label: 'Young person engaged part time in training or employment (not apprenticeship)', since: '2024' },
  { code: 'G4', label: 'Not in education, employment or training - illness or disability' },
  { code: 'G5', label: 'Not in education, employment or training - other' },
  { code: 'G6', label: 'Not in education, employment or training - pregnancy or parenting' },
]);

export const NO_LONGER_ADOPTION_REASON = list('rd', 'Reason why child no longer placed for adoption', [
  { code: 'RD1', label: 'The child’s needs changed subsequent to the decision' },
  { code: 'RD2', label: 'The Court did not make a placement order' },
  { code: 'RD3', label: 'Prospective adopters could not be found' },
  { code: 'RD4', label: 'Any other reason' },
]);

export const LEFT_ADOPTION_PROCESS_REASON = list('left-process', 'Reason for leaving adoption process', [
  { code: '1', label: 'Adopter withdrew from process' },
  { code: '2', label: 'Process put on hold' },
  { code: '3', label: 'Application refused' },
]);

export const CODE_LISTS = [
  GENDER,
  ETHNICITY,
  SOURCE,
  PRIMARY_NEED,
  CIN_CLOSURE_REASON,
  CASE_STATUS,
  ABUSE_CATEGORY,
  LEGAL_STATUS,
  PERMANENCE_PLAN,
  REASON_CEASED,
  PLACEMENT_TYPE,
  PLACEMENT_PROVIDER,
  PLACEMENT_LOCATION,
  LA_OF_PLACEMENT,
  ELIGIBILITY,
  IN_TOUCH,
  ACCOMMODATION,
  SUITABILITY,
  ACTIVITY,
  NO_LONGER_ADOPTION_REASON,
  LEFT_ADOPTION_PROCESS_REASON,
];
