/**
 * When a normal template value would contradict the case although the case
 * does not hold that analyte. Two kinds of evidence:
 *
 * - `DEPENDS`: analytes that move together. If the case holds an abnormal
 *   value of a related analyte, a normal value of this one is not credible
 *   (a normal pH beside a bicarbonate of 7; a normal FT4 beside a TSH of
 *   0.01; a normal neutrophil count beside a WBC of 22).
 * - `ANALYTE_WORDS` and `TEST_WORDS`: conditions named anywhere in the case
 *   (findings, reports, history, diagnosis) under which a normal result of
 *   this analyte or test would contradict it (a normal lipase in
 *   pancreatitis, a negative AChR antibody in myasthenia).
 *
 * Patterns are word starts on normalised text; a trailing space asks for the
 * whole word.
 */
export const DEPENDS: Record<string, string[]> = {
  // Henderson-Hasselbalch ties pH, pCO2 and bicarbonate; base excess is derived from them.
  ph: ['pco2', 'bicarbonate', 'base-excess'],
  pco2: ['ph', 'bicarbonate'],
  bicarbonate: ['ph', 'pco2', 'base-excess'],
  'base-excess': ['ph', 'bicarbonate'],
  // Saturation and arterial pO2 lie on the dissociation curve.
  po2: ['spo2'],
  spo2: ['po2'],
  // The differential counts add up to the total white count.
  neutrophils: ['wbc'],
  lymphocytes: ['wbc'],
  monocytes: ['wbc'],
  eosinophils: ['wbc'],
  basophils: ['wbc'],
  wbc: ['neutrophils', 'lymphocytes'],
  // Haematocrit is roughly three times the haemoglobin; an abnormal Hb changes red-cell indices in most anaemias.
  hematocrit: ['hemoglobin'],
  hemoglobin: ['hematocrit'],
  mcv: ['hemoglobin', 'hematocrit'],
  // Hepatocellular and cholestatic markers rise together; direct bilirubin is part of the total.
  alt: ['ast'],
  ast: ['alt'],
  alp: ['ggt'],
  ggt: ['alp'],
  'direct-bilirubin': ['total-bilirubin'],
  'total-bilirubin': ['direct-bilirubin'],
  // INR is computed from the PT.
  inr: ['pt'],
  pt: ['inr'],
  // A raised creatinine without a raised urea is unusual. (Osmolality is checked by calculation, in lab-answer.)
  bun: ['creatinine'],
  // Total and ionised calcium move together.
  calcium: ['ionized-calcium'],
  'ionized-calcium': ['calcium'],
  // Pancreatic enzymes rise together; cardiac troponins and natriuretic peptides measure the same injury.
  lipase: ['amylase'],
  amylase: ['lipase'],
  'troponin-i': ['troponin-t'],
  'troponin-t': ['troponin-i'],
  bnp: ['nt-probnp'],
  'nt-probnp': ['bnp'],
  // Thyroid axis.
  tsh: ['free-t4', 'free-t3'],
  'free-t4': ['tsh', 'free-t3'],
  'free-t3': ['tsh', 'free-t4'],
  // Iron studies.
  ferritin: ['iron', 'tsat'],
  iron: ['ferritin', 'tsat'],
  tsat: ['ferritin', 'iron'],
  tibc: ['ferritin', 'iron'],
  // Lipids.
  'total-cholesterol': ['ldl'],
  ldl: ['total-cholesterol'],
};

const HEPATIC = ['jaundice', 'jaundiced', 'icter', 'hepatitis', 'cirrho', 'hepatomegaly', 'liver failure', 'cholestas', 'biliary obstruct', 'cholangitis', 'choledocholith', 'wilson', 'hepatocellular', 'liver disease', 'ascites', 'asterixis', 'hepatic'];
const ACID_BASE = ['acidosis', 'acidaemia', 'acidemia', 'alkalosis', 'alkalaemia', 'alkalemia', 'ketoacidosis', 'hypercapni', 'respiratory failure', 'kussmaul', 'salicylate', 'methanol', 'ethylene glycol'];
const OXYGEN = ['hypoxi', 'hypoxaemi', 'hypoxemi', 'cyanos', 'cyanotic', 'respiratory failure', 'pulmonary embol', 'ards', 'pneumonia'];

export const ANALYTE_WORDS: Record<string, string[]> = {
  alt: HEPATIC, ast: HEPATIC, alp: HEPATIC, ggt: HEPATIC, 'total-bilirubin': HEPATIC, 'direct-bilirubin': HEPATIC,
  albumin: ['cirrho', 'nephrotic', 'malnutrition', 'protein losing', 'liver failure', 'ascites'],
  lipase: ['pancreatitis'], amylase: ['pancreatitis'],
  'troponin-i': ['myocardial infarction', 'stemi', 'nstemi', 'myocarditis', 'acute coronary', 'takotsubo'],
  'troponin-t': ['myocardial infarction', 'stemi', 'nstemi', 'myocarditis', 'acute coronary', 'takotsubo'],
  bnp: ['heart failure', 'cardiac failure', 'pulmonary oedema', 'pulmonary edema', 'cardiomyopathy', 'reduced ejection'],
  'nt-probnp': ['heart failure', 'cardiac failure', 'pulmonary oedema', 'pulmonary edema', 'cardiomyopathy', 'reduced ejection'],
  'd-dimer': ['pulmonary embol', 'deep vein thrombosis', 'dvt ', 'disseminated intravascular', 'venous thrombo', 'aortic dissection'],
  tsh: ['thyrotoxic', 'hyperthyroid', 'hypothyroid', 'graves', 'hashimoto', 'thyroiditis', 'goitre', 'goiter', 'myxoedema', 'myxedema', 'thyroid storm'],
  'free-t4': ['thyrotoxic', 'hyperthyroid', 'hypothyroid', 'graves', 'hashimoto', 'thyroiditis', 'myxoedema', 'myxedema', 'thyroid storm'],
  'free-t3': ['thyrotoxic', 'hyperthyroid', 'graves', 'thyroid storm'],
  hemoglobin: ['anaemia', 'anemia', 'anaemic', 'anemic', 'pallor', 'haemorrhage', 'hemorrhage', 'melaena', 'melena', 'haematemesis', 'hematemesis', 'polycythaemia', 'polycythemia', 'thalassaemia', 'thalassemia', 'sickle', 'haemoly', 'hemoly', 'leukaem', 'leukem'],
  hematocrit: ['anaemia', 'anemia', 'pallor', 'haemorrhage', 'hemorrhage', 'polycythaemia', 'polycythemia', 'haemoconcentrat'],
  mcv: ['iron deficiency', 'b12 deficiency', 'pernicious', 'folate deficiency', 'thalassaemia', 'thalassemia', 'macrocyt', 'microcyt'],
  platelets: ['thrombocytopeni', 'thrombocytosis', 'petechi', 'purpura', 'itp ', 'immune thrombocytopenia', 'ttp ', 'disseminated intravascular', 'leukaem', 'leukem', 'hellp', 'aplastic'],
  wbc: ['leukaem', 'leukem', 'neutropeni', 'leukocytosis', 'leucocytosis', 'agranulocyt', 'aplastic', 'sepsis', 'septic'],
  neutrophils: ['neutropeni', 'neutrophilia', 'leukaem', 'leukem', 'agranulocyt', 'sepsis', 'septic'],
  lymphocytes: ['lymphocytosis', 'lymphopeni', 'chronic lymphocytic', 'mononucleosis'],
  eosinophils: ['eosinophil', 'parasit', 'strongyloid', 'dress '],
  glucose: ['ketoacidosis', 'hyperglycaemi', 'hyperglycemi', 'hypoglycaemi', 'hypoglycemi', 'hyperosmolar', 'insulinoma'],
  hba1c: ['diabet', 'hyperglycaemi', 'hyperglycemi'],
  creatinine: ['acute kidney injury', 'kidney failure', 'renal failure', 'renal impairment', 'chronic kidney', 'nephrotic', 'nephritic', 'glomerulonephritis', 'rhabdomyolysis', 'hepatorenal', 'uraemi', 'uremi', 'obstructive uropathy'],
  bun: ['acute kidney injury', 'kidney failure', 'renal failure', 'uraemi', 'uremi', 'upper gi bleed', 'dehydrat'],
  sodium: ['hyponatraemi', 'hyponatremi', 'hypernatraemi', 'hypernatremi', 'siadh', 'inappropriate antidiuretic', 'diabetes insipidus'],
  potassium: ['hyperkalaemi', 'hyperkalemi', 'hypokalaemi', 'hypokalemi', 'addison', 'adrenal insufficiency', 'adrenal crisis', 'hyperaldosteron', 'conn '],
  calcium: ['hypercalcaemi', 'hypercalcemi', 'hypocalcaemi', 'hypocalcemi', 'hyperparathyroid', 'hypoparathyroid', 'myeloma'],
  'ionized-calcium': ['hypercalcaemi', 'hypercalcemi', 'hypocalcaemi', 'hypocalcemi', 'hyperparathyroid', 'hypoparathyroid'],
  ck: ['rhabdomyolysis', 'myositis', 'myopathy', 'neuroleptic malignant', 'malignant hyperthermia', 'crush'],
  ph: ACID_BASE, pco2: [...ACID_BASE, 'copd ', 'hypoventilat'], bicarbonate: ACID_BASE, 'base-excess': ACID_BASE,
  po2: OXYGEN, spo2: OXYGEN,
  inr: ['coagulopath', 'warfarin', 'disseminated intravascular', 'liver failure', 'vitamin k'],
  pt: ['coagulopath', 'warfarin', 'disseminated intravascular', 'liver failure', 'vitamin k'],
  ptt: ['haemophilia', 'hemophilia', 'heparin', 'von willebrand', 'antiphospholipid', 'lupus anticoagulant', 'disseminated intravascular'],
  fibrinogen: ['disseminated intravascular', 'fibrinolys'],
  lactate: ['sepsis', 'septic shock', 'lactic acidosis', 'shock', 'mesenteric ischaemi', 'mesenteric ischemi', 'seizure'],
  ammonia: ['hepatic encephalopathy', 'liver failure', 'urea cycle', 'hyperammon'],
  'uric-acid': ['gout', 'tumour lysis', 'tumor lysis'],
  'beta-hydroxybutyrate': ['ketoacidosis', 'ketosis', 'starvation'],
  'serum-osmolality': ['hyperosmolar', 'siadh', 'hyponatraemi', 'hyponatremi', 'toxic alcohol', 'methanol', 'ethylene glycol'],
  ethanol: ['intoxicat', 'drunk', 'alcohol withdrawal', 'inebriat'],
  acetaminophen: ['acetaminophen', 'paracetamol'],
  salicylate: ['salicylate', 'aspirin overdose', 'aspirin toxicity', 'salicylism'],
  'beta-hcg': ['pregnan', 'ectopic', 'molar', 'hydatidiform', 'miscarriage'],
  cortisol: ['addison', 'adrenal insufficiency', 'adrenal crisis', 'cushing', 'hypoadrenal'],
  pth: ['hyperparathyroid', 'hypoparathyroid'],
  'vitamin-b12': ['b12 deficiency', 'pernicious', 'subacute combined'],
  folate: ['folate deficiency'],
  ferritin: ['iron deficiency', 'haemochromatosis', 'hemochromatosis', 'still s disease'],
  iron: ['iron deficiency', 'haemochromatosis', 'hemochromatosis'],
  tsat: ['iron deficiency', 'haemochromatosis', 'hemochromatosis'],
  haptoglobin: ['haemoly', 'hemoly'],
  ldh: ['haemoly', 'hemoly', 'lymphoma'],
  reticulocytes: ['haemoly', 'hemoly', 'aplastic', 'sickle'],
  psa: ['prostate cancer', 'prostatic carcinoma', 'prostatitis'],
  procalcitonin: ['sepsis', 'septic', 'bacteraemia', 'bacteremia'],
  crp: ['sepsis', 'septic', 'abscess', 'arteritis', 'cellulitis', 'pneumonia', 'appendicitis', 'cholecystitis'],
  esr: ['arteritis', 'polymyalgia', 'myeloma', 'osteomyelitis'],
};

/** Qualitative and specialised tests: the conditions under which a normal or negative result would contradict the case. */
export const TEST_WORDS: Record<string, string[]> = {
  ana: ['lupus', 'sle ', 'systemic sclerosis', 'scleroderma', 'sjogren', 'mixed connective'],
  'anti-dsdna': ['lupus', 'sle ', 'lupus nephritis'],
  'rheumatoid-factor': ['rheumatoid arthritis', 'sjogren', 'cryoglobulin'],
  'anti-ccp': ['rheumatoid arthritis'],
  anca: ['vasculitis', 'granulomatosis with polyangiitis', 'microscopic polyangiitis', 'wegener', 'churg', 'eosinophilic granulomatosis', 'pauci immune'],
  'complement-c3-c4': ['lupus', 'post streptococcal', 'poststreptococcal', 'membranoproliferative', 'cryoglobulin', 'hereditary angioedema'],
  'hla-b27': ['ankylosing spondylitis', 'spondyloarthr', 'reactive arthritis', 'anterior uveitis'],
  'antiphospholipid-antibodies': ['antiphospholipid'],
  'ttg-iga': ['coeliac', 'celiac', 'dermatitis herpetiformis'],
  'acetylcholine-receptor-antibodies': ['myasthen'],
  spep: ['myeloma', 'paraprotein', 'm spike', 'monoclonal', 'plasmacytoma', 'amyloid', 'mgus', 'waldenstrom'],
  'free-light-chains': ['myeloma', 'light chain', 'paraprotein', 'monoclonal', 'amyloid', 'plasmacytoma'],
  'blood-culture': ['bacteraemia', 'bacteremia', 'endocarditis', 'sepsis', 'septic'],
  'urine-culture': ['urinary tract infection', 'pyelonephritis', 'cystitis', 'urosepsis'],
  'sputum-culture': ['pneumonia', 'lung abscess', 'bronchiectasis'],
  'respiratory-viral-panel': ['influenza', 'covid', 'sars cov', 'rsv ', 'respiratory syncytial', 'bronchiolitis'],
  'throat-culture': ['streptococcal pharyngitis', 'strep throat', 'scarlet fever', 'group a strep', 'rheumatic fever', 'diphtheria'],
  'rapid-strep-test': ['streptococcal pharyngitis', 'strep throat', 'scarlet fever', 'group a strep', 'rheumatic fever'],
  'hiv-test': ['hiv ', 'aids ', 'human immunodeficiency', 'retroviral', 'pneumocystis'],
  'hepatitis-panel': ['hepatitis'],
  monospot: ['mononucleosis', 'glandular fever', 'epstein barr', 'ebv '],
  'syphilis-serology': ['syphilis', 'treponem', 'neurosyphilis'],
  'gc-chlamydia-naat': ['gonorr', 'chlamydia', 'pelvic inflammatory', 'urethritis', 'cervicitis', 'epididymitis'],
  'stool-culture': ['gastroenteritis', 'dysentery', 'salmonell', 'shigell', 'campylobacter', 'typhoid', 'enteric fever', 'e coli', 'haemolytic uraemic', 'hemolytic uremic', 'cholera'],
  'c-difficile-test': ['difficile', 'pseudomembranous'],
  'stool-ova-parasites': ['giardia', 'parasit', 'amoeb', 'ameb', 'helminth', 'strongyloid', 'cryptosporid'],
  'malaria-smear': ['malaria', 'plasmodium', 'falciparum'],
  'lyme-serology': ['lyme', 'borrelia', 'erythema migrans'],
  'quantiferon-tb': ['tuberculosis', 'tb ', 'mycobacter'],
  'sputum-afb': ['tuberculosis', 'tb ', 'mycobacter', 'acid fast'],
  'legionella-urine-antigen': ['legionell'],
  'h-pylori-stool-antigen': ['pylori', 'peptic ulcer', 'duodenal ulcer', 'gastric ulcer', 'malt lymphoma'],
  'fecal-calprotectin': ['crohn', 'colitis', 'inflammatory bowel'],
  'fecal-occult-blood': ['colorectal', 'colon cancer', 'rectal cancer', 'gi bleed', 'gastrointestinal bleed', 'melaena', 'melena', 'angiodysplasia'],
  'urine-drug-screen': ['overdose', 'intoxicat', 'opioid', 'opiate', 'cocaine', 'amphetamine', 'cannabis', 'benzodiazepine', 'heroin', 'fentanyl', 'substance use'],
  'co-oximetry': ['carbon monoxide', 'methaemoglobin', 'methemoglobin', 'smoke inhalation'],
  'urine-pregnancy-test': ['pregnan', 'ectopic', 'molar', 'hydatidiform', 'miscarriage', 'hyperemesis'],
  'direct-antiglobulin-test': ['autoimmune haemoly', 'autoimmune hemoly', 'warm autoimmune', 'cold agglutinin', 'haemolytic disease', 'hemolytic disease', 'transfusion reaction'],
  'hemoglobin-electrophoresis': ['sickle', 'thalassaemia', 'thalassemia', 'haemoglobinopathy', 'hemoglobinopathy'],
  g6pd: ['g6pd', 'glucose 6 phosphate'],
  'peripheral-smear': ['schistocyt', 'haemoly', 'hemoly', 'leukaem', 'leukem', 'malaria', 'sickle', 'spherocyt', 'thrombotic thrombocytopenic', 'blast', 'megaloblast', 'disseminated intravascular'],
  'iron-studies': ['iron deficiency', 'haemochromatosis', 'hemochromatosis', 'anaemia of chronic'],
  'aldosterone-renin': ['hyperaldosteron', 'conn ', 'renal artery stenosis'],
  'cortisol-am': ['addison', 'adrenal insufficiency', 'adrenal crisis', 'cushing'],
  acth: ['addison', 'adrenal insufficiency', 'adrenal crisis', 'cushing', 'pituitary'],
  'acth-stimulation-test': ['addison', 'adrenal insufficiency', 'adrenal crisis', 'hypoadrenal'],
  'plasma-metanephrines': ['phaeochromocytoma', 'pheochromocytoma', 'paraganglioma'],
  prolactin: ['prolactinoma', 'hyperprolactin', 'pituitary adenoma'],
  'vitamin-d': ['vitamin d deficiency', 'osteomalacia', 'rickets'],
  ogtt: ['diabet', 'gestational diabetes'],
  'thyroid-antibodies': ['graves', 'hashimoto', 'autoimmune thyroid', 'thyroiditis'],
  'digoxin-level': ['digoxin'],
  'lithium-level': ['lithium'],
  'urine-osmolality': ['siadh', 'inappropriate antidiuretic', 'diabetes insipidus', 'hyponatraemi', 'hyponatremi', 'psychogenic polydipsia'],
  'urine-sodium': ['siadh', 'inappropriate antidiuretic', 'hyponatraemi', 'hyponatremi', 'acute tubular', 'prerenal'],
  urinalysis: ['urinary tract infection', 'pyelonephritis', 'cystitis', 'glomerulonephritis', 'nephritic', 'nephrotic', 'haematuria', 'hematuria', 'proteinuria', 'ketoacidosis', 'renal colic', 'kidney stone', 'rhabdomyolysis'],
  'urine-protein-creatinine-ratio': ['nephrotic', 'proteinuria', 'glomerulo', 'pre eclampsia', 'preeclampsia'],
  'type-and-screen': [],
  'wet-mount': ['vaginosis', 'trichomon', 'candid', 'vaginitis'],
  'koh-prep': ['tinea', 'fungal', 'candid', 'dermatophyt', 'pityriasis versicolor', 'onychomycosis'],
};
