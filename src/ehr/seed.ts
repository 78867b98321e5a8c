import type { Resource } from '@medplum/fhirtypes';
import type { EhrPatientRecord } from '../case/ehr-schema.js';

export const LOINC = 'http://loinc.org';
export const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const SNOMED = 'http://snomed.info/sct';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
export const MRN_SYSTEM = 'http://rounds.local/mrn';

const ROUTE: Record<string, { code: string; display: string }> = {
  oral: { code: '26643006', display: 'Oral route' },
  intravenous: { code: '47625008', display: 'Intravenous route' },
  subcutaneous: { code: '34206005', display: 'Subcutaneous route' },
  inhaled: { code: '447694001', display: 'Respiratory tract route' },
  topical: { code: '6064005', display: 'Topical route' },
};

/** The SNOMED code for a route name, for seeded and reference medication orders alike. */
export function routeCoding(route: keyof typeof ROUTE | string): { system: string; code: string; display: string } {
  const r = ROUTE[route] ?? ROUTE.oral;
  return { system: SNOMED, ...r };
}

/**
 * Turns one compact patient record into FHIR R4 resources with stable ids
 * (the Patient's id is its MRN, as in MedAgentBench), so a task and its
 * reference solution can name them.
 */
export function recordToResources(p: EhrPatientRecord): Resource[] {
  const subject = { reference: `Patient/${p.mrn}`, display: `${p.name.given.join(' ')} ${p.name.family}` };
  const out: Resource[] = [
    {
      resourceType: 'Patient',
      id: p.mrn,
      identifier: [
        { use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: MRN_SYSTEM, value: p.mrn },
      ],
      active: true,
      name: [{ use: 'official', family: p.name.family, given: p.name.given }],
      gender: p.gender,
      birthDate: p.birthDate,
      ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone, use: 'home' }] } : {}),
      ...(p.address
        ? { address: [{ use: 'home', line: [p.address.line], city: p.address.city, state: p.address.state, postalCode: p.address.postalCode }] }
        : {}),
    },
  ];
  p.problems.forEach((c, i) => {
    out.push({
      resourceType: 'Condition',
      id: `${p.mrn}-c${i + 1}`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: c.status }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item' }] }],
      code: {
        coding: [{ system: ICD10CM, code: c.icd10, display: c.display }, ...(c.snomed ? [{ system: SNOMED, code: c.snomed, display: c.display }] : [])],
        text: c.display,
      },
      subject,
      ...(c.onset ? { onsetDateTime: c.onset } : {}),
    });
  });
  for (const m of p.medications) {
    out.push({
      resourceType: 'MedicationRequest',
      id: m.id,
      status: m.status,
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: RXNORM, code: m.rxnorm, display: m.display }], text: m.display },
      subject,
      authoredOn: m.authored,
      dosageInstruction: [
        {
          text: [m.dose ? `${m.dose.value} ${m.dose.unit}` : '', m.route, m.frequency ?? ''].filter(Boolean).join(' '),
          route: { coding: [routeCoding(m.route)] },
          ...(m.dose ? { doseAndRate: [{ doseQuantity: { value: m.dose.value, unit: m.dose.unit } }] } : {}),
        },
      ],
    });
  }
  p.allergies.forEach((a, i) => {
    out.push({
      resourceType: 'AllergyIntolerance',
      id: `${p.mrn}-a${i + 1}`,
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'confirmed' }] },
      category: [a.rxnorm ? 'medication' : 'environment'],
      criticality: a.criticality,
      code: {
        coding: a.rxnorm ? [{ system: RXNORM, code: a.rxnorm, display: a.display }] : a.snomed ? [{ system: SNOMED, code: a.snomed, display: a.display }] : [],
        text: a.display,
      },
      patient: subject,
      reaction: [{ manifestation: [{ text: a.reaction }] }],
    });
  });
  for (const s of p.observations) {
    s.values.forEach(([at, value], j) => {
      out.push({
        resourceType: 'Observation',
        id: `${p.mrn}-${s.loinc.replace(/[^0-9]/g, '')}-${j + 1}`,
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: s.category }] }],
        code: { coding: [{ system: LOINC, code: s.loinc, display: s.display }], text: s.display },
        subject,
        effectiveDateTime: at,
        valueQuantity: { value, unit: s.unit, system: 'http://unitsofmeasure.org', code: s.unit },
      });
    });
  }
  return out;
}

/** The resource types a task may touch: graded and listed in the store's final state. */
export const EHR_RESOURCE_TYPES = ['Patient', 'Observation', 'MedicationRequest', 'Condition', 'Procedure', 'ServiceRequest', 'AllergyIntolerance'] as const;
