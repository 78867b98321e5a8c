/**
 * Body regions (and, for tests that look at a function rather than a place,
 * the clinical domain) that a test reports on, and the words that mark a case
 * finding as concerning each. A study of a region is only ever answered with
 * the catalog's normal template when nothing in the case concerns that region:
 * a normal chest CT beside a mediastinal mass, or a normal ECG beside a heart
 * rate of 130, would contradict the case.
 *
 * Patterns are matched on normalised text (lower case, punctuation as spaces)
 * at word starts, so "pulmonar" matches "pulmonary"; a trailing space asks
 * for the whole word ("ear " is not "early").
 */
export interface Region {
  /** Word starts that, in an abnormal clause, concern this region. */
  words: string[];
  /** Exam targets whose abnormal findings concern this region. */
  targets?: string[];
}

export const REGIONS: Record<string, Region> = {
  brain: {
    // Not every abnormal neurological sign is in the brain (a tremor, a neuropathy, a cauda equina): only those that are.
    words: ['brain', 'cerebr', 'intracranial', 'subarachnoid', 'subdural', 'extradural', 'hydroceph', 'glioma', 'meningioma', 'stroke', 'hemipar', 'hemipleg', 'aphasi', 'dysphasi', 'papilloedema', 'papilledema', 'focal neuro', 'focal deficit', 'focal weakness', 'facial droop', 'ataxi', 'seizure', 'dementia', 'encephal', 'space occupying', 'head injur', 'skull', 'confus', 'drowsy', 'obtunded', 'unresponsive', 'coma ', 'comatose', 'reduced consciousness', 'altered mental', 'dysarthri', 'homonymous', 'pronator drift', 'cerebellar', 'intention tremor', 'dysdiadochokinesi', 'upgoing plantar', 'extensor plantar', 'babinski'],
  },
  neck: { words: ['neck mass', 'neck swelling', 'thyroid', 'goitre', 'goiter', 'cervical lymph', 'parotid', 'peritonsillar', 'retropharyngeal', 'epiglott', 'trismus', 'torticollis'], targets: ['neck'] },
  sinus: { words: ['sinusitis', 'paranasal', 'maxillary sinus', 'frontal sinus', 'sinus tender', 'sinus opacif', 'sinus mucosal', 'maxillary', 'purulent nasal', 'nasal discharge', 'facial pain', 'facial tenderness', 'nasal polyp', 'postnasal'] },
  chest: {
    words: ['lung', 'pulmonar', 'pleura', 'consolidat', 'crackles', 'crepitation', 'rales', 'wheez', 'bronchial breath', 'stony dull', 'pneumo', 'mediastin', 'hilar', 'thym', 'cavitat', 'cavitary', 'opacit', 'cardiomegal', 'hyperinflat', 'atelecta', 'empyema', 'haemoptysis', 'hemoptysis', 'rib fracture', 'reduced air entry', 'decreased breath sounds', 'reduced breath sounds', 'absent breath sounds', 'pleural effusion', 'lung mass', 'chest mass'],
    targets: ['respiratory'],
  },
  heart: {
    words: ['heart murmur', 'heart sounds', 'heart failure', 'heart attack', 'enlarged heart', 'cardiac', 'murmur', 'gallop', 's3 ', 's4 ', 'rub ', 'friction rub', 'pericard', 'valv', 'ventricular', 'atrial', 'cardiomegal', 'ejection fraction', 'endocard', 'vegetation', 'raised jvp', 'elevated jvp', 'jvp raised', 'jvp elevated', 'irregularly irregular', 'fibrillation', 'flutter', 'infarct', 'heart failure', 'aortic stenosis', 'mitral', 'ejection systolic', 'pansystolic', 'diastolic murmur'],
    targets: ['cardiovascular'],
  },
  // What a tracing shows: rate, rhythm, conduction, ischaemia, hypertrophy, and the electrolytes that change it.
  rhythm: { words: ['tachycard', 'bradycard', 'irregularly irregular', 'irregular rhythm', 'irregular pulse', 'irregular heart', 'arrhythm', 'fibrillation', 'flutter', 'heart block', 'av block', 'bundle branch', 'st elevation', 'st depression', 'infarct', 'ischaem', 'ischem', 'palpitation', 'syncope', 'pericarditis', 'ventricular hypertrophy', 'lvh ', 'hyperkal', 'hypokal', 'hypocalc', 'hypercalc', 'long qt', 'qt prolong', 'pre excitation', 'wolff', 'digoxin', 'tricyclic', 'pulmonary embol', 'cardiomyopathy', 'myocarditis'] },
  aorta: { words: ['aort', 'dissection', 'aneurysm', 'mediastinal widening', 'widened mediastinum', 'radio femoral delay', 'radiofemoral delay', 'unequal pulses', 'unequal radial', 'blood pressure differ', 'arm blood pressure'] },
  abdomen: {
    words: ['abdom', 'liver', 'hepatomegaly', 'hepatosplenomegaly', 'hepatitis', 'hepatic', 'gallbladder', 'gall bladder', 'biliar', 'cholecyst', 'gallstone', 'pancrea', 'spleen', 'splen', 'bowel obstruct', 'small bowel', 'large bowel', 'intestin', 'colon', 'appendicitis', 'appendix', 'appendiceal', 'ascites', 'peritoni', 'murphy', 'diverticul', 'hernia', 'epigastr', 'quadrant', 'flank', 'distension', 'distended', 'free air', 'pneumoperitoneum', 'intussuscept', 'volvulus', 'pyloric'],
    targets: ['abdomen'],
  },
  hepatobiliary: { words: ['liver', 'hepatomegaly', 'hepatitis', 'hepatic', 'gallbladder', 'gall bladder', 'biliar', 'bile duct', 'cholecyst', 'cholang', 'gallstone', 'murphy', 'jaundice', 'icter', 'cirrho', 'ascites', 'right upper quadrant', 'ruq ', 'pancrea', 'portal'] },
  appendix: { words: ['append', 'right lower quadrant', 'rlq ', 'mcburney', 'rovsing', 'psoas sign', 'obturator sign', 'right iliac fossa', 'rif '] },
  kidney: { words: ['kidney', 'renal', 'hydronephr', 'ureter', 'bladder', 'urinary retention', 'flank', 'costovertebral', 'cva tender', 'loin', 'calcul', 'stone', 'pyelo', 'haematuria', 'hematuria', 'nephr', 'polycystic'] },
  pelvis: { words: ['pelvi', 'uter', 'ovar', 'adnex', 'cervix', 'cervicitis', 'cervical os', 'vagin', 'ectopic', 'fibroid', 'endometri', 'pregnan', 'cervical motion', 'tubo ovarian', 'menorrhag', 'postmenopausal bleed'], targets: ['pelvic'] },
  scrotum: { words: ['scrot', 'testi', 'epididym', 'varicocele', 'hydrocele', 'torsion', 'orchitis'], targets: ['genitourinary'] },
  pregnancy: { words: ['pregnan', 'fetal', 'fetus', 'foetal', 'gestation', 'placent', 'fundal height', 'ectopic', 'miscarriage', 'gravid'] },
  'leg-veins': { words: ['calf', 'deep vein', 'dvt', 'leg swelling', 'swollen leg', 'unilateral swelling', 'unilateral leg', 'thrombophlebitis', 'venous thrombo', 'pitting', 'leg oedema', 'leg edema', 'ankle oedema', 'ankle edema', 'pedal'], targets: ['extremities'] },
  carotid: { words: ['carotid', 'bruit', 'amaurosis', 'transient ischaemic', 'transient ischemic', 'tia ', 'stroke'] },
  breast: { words: ['breast', 'nipple', 'axillary'], targets: ['breast'] },
  'bone-density': { words: ['osteopor', 'osteopen', 'fragility fracture', 'vertebral fracture', 'kyphosis', 'height loss'] },
  spine: { words: ['spine', 'spinal', 'vertebra', 'disc prolapse', 'disc herniation', 'herniated disc', 'slipped disc', 'cauda equina', 'saddle', 'radicul', 'sciatica', 'cord compression', 'myelopath', 'scoliosis', 'spinous', 'back pain', 'lumbar', 'thoracic spine', 'cervical spine', 'sacral'] },
  limb: { words: ['fracture', 'deformit', 'bone', 'osteomyel', 'dislocat', 'joint swelling', 'swollen joint', 'bony tender', 'limb', 'tenderness over'], targets: ['msk'] },
  eye: { words: ['eye ', 'eyes ', 'visual acuity', 'visual field', 'visual loss', 'visual disturbance', 'vision', 'pupil', 'cornea ', 'corneal', 'conjunctivitis', 'conjunctival injection', 'red eye', 'retin', 'fundus', 'fundi', 'optic', 'papill', 'iris ', 'uveitis', 'lens ', 'cataract', 'glaucoma', 'intraocular', 'photophobia', 'diplopia', 'proptosis', 'exophthalm', 'scleral', 'kayser', 'hyphema', 'keratitis', 'hypopyon'], targets: ['eyes'] },
  ear: { words: ['ear ', 'ears ', 'hearing', 'deaf', 'tinnitus', 'tympanic', 'otitis', 'otorrh', 'vertigo', 'nystagmus', 'dix hallpike'], targets: ['ears'] },
  throat: { words: ['larynx', 'laryng', 'vocal', 'hoarse', 'stridor', 'throat', 'pharyn', 'tonsil', 'epiglott', 'uvula', 'dysphagia', 'odynophagia'], targets: ['throat'] },
  meninges: { words: ['mening', 'neck stiff', 'stiff neck', 'nuchal', 'kernig', 'brudzinski', 'photophobia', 'subarachnoid', 'encephal', 'xanthochrom', 'guillain', 'demyelin', 'multiple sclerosis', 'papill', 'thunderclap'] },
  ascites: { words: ['ascites', 'ascitic', 'shifting dullness', 'fluid thrill', 'peritoni', 'distended abdomen', 'abdominal distension'] },
  pleura: { words: ['pleura', 'stony dull', 'empyema'] },
  joint: { words: ['joint', 'arthrit', 'synov', 'knee effusion', 'swollen knee', 'swollen ankle', 'gout', 'septic arthritis', 'hot swollen', 'monoarthr', 'polyarthr', 'podagra'], targets: ['msk'] },
  'upper-gi': { words: ['oesophag', 'esophag', 'dysphagia', 'gastric', 'stomach', 'duoden', 'peptic', 'ulcer', 'haematemesis', 'hematemesis', 'melaena', 'melena', 'coffee ground', 'epigastr', 'reflux', 'pylori', 'varice', 'upper gi'] },
  colon: { words: ['colon', 'colitis', 'rectal bleed', 'rectum', 'bloody diarrh', 'blood in stool', 'haematochezia', 'hematochezia', 'crohn', 'diverticul', 'change in bowel habit', 'polyp', 'colorectal', 'lower gi'], targets: ['rectal'] },
  marrow: { words: ['leukaem', 'leukem', 'lymphoma', 'myeloma', 'cytopeni', 'pancytopeni', 'blast', 'anaemia', 'anemia', 'thrombocytopeni', 'neutropeni', 'myelodysplas', 'marrow', 'splenomegal', 'myelofibros', 'plasma cell', 'paraprotein'] },
  skin: { words: ['rash', 'skin lesion', 'cutaneous', 'skin', 'macul', 'papul', 'vesic', 'pustul', 'plaque', 'skin ulcer', 'leg ulcer', 'subcutaneous nodule', 'erythem', 'bulla', 'bullous', 'blister', 'mole', 'naevus', 'nevus', 'pigmented', 'scaly', 'scaling', 'itch', 'prurit', 'purpur', 'petechi', 'jaundice', 'burrow', 'wheal', 'urticaria', 'eschar', 'desquam', 'target lesion', 'cellulitis'], targets: ['skin'] },
  'lymph-nodes': { words: ['lymphaden', 'lymph node', 'node enlarg', 'enlarged node', 'palpable node', 'glands', 'lymphoma'], targets: ['lymph'] },
  seizure: { words: ['seizure', 'epilep', 'convuls', 'encephal', 'postictal', 'tongue biting', 'status epilepticus'] },
  'nerve-muscle': { words: ['neuropath', 'numbness', 'tingling', 'paraesthes', 'paresthes', 'fasciculat', 'myasthen', 'ptosis', 'fatigab', 'areflexia', 'hyporeflexia', 'wasting', 'foot drop', 'wrist drop', 'carpal', 'myopath', 'guillain', 'weakness', 'decrement'] },
  airways: { words: ['asthma', 'copd ', 'emphysema', 'wheez', 'airflow', 'bronchospasm', 'interstitial', 'fibrosis', 'restrictive', 'obstructive', 'breathless', 'shortness of breath', 'dyspnoea', 'dyspnea', 'crackles'] },
  sleep: { words: ['snor', 'apnoea', 'apnea', 'daytime sleepiness', 'somnolence', 'narcolep', 'witnessed pauses'] },
  coronary: { words: ['chest pain', 'angina', 'infarct', 'ischaem', 'ischem', 'coronary', 'st elevation', 'st depression', 'troponin', 'stemi', 'acute coronary'] },
  'temporal-artery': { words: ['temporal', 'jaw claudication', 'giant cell', 'scalp tender', 'polymyalgia', 'arteritis'] },
  mood: { words: ['depress', 'low mood', 'anhedon', 'suicid', 'hopeless', 'worthless', 'tearful', 'flat affect'], targets: ['mental-status'] },
  anxiety: { words: ['anxi', 'panic', 'worry', 'worri', 'nervous', 'on edge', 'restless'], targets: ['mental-status'] },
  cognition: { words: ['dementia', 'memory', 'cognit', 'confus', 'forget', 'delirium', 'disorient'], targets: ['mental-status'] },
  volume: { words: ['dehydrat', 'hypovol', 'dizz', 'syncope', 'faint', 'orthostat', 'postural', 'dry mucous', 'skin turgor', 'haemorrhag', 'hemorrhag', 'hypotens'] },
  bladder: { words: ['retention', 'bladder', 'incontinence', 'cauda equina', 'saddle', 'voiding', 'post void', 'palpable bladder'] },
  vagina: { words: ['vaginal discharge', 'vaginitis', 'vulv', 'trichomon', 'candid', 'vaginosis'], targets: ['pelvic'] },
};

/**
 * The regions each imaging study, tracing, procedure and bedside assessment
 * reports on. Tests not listed (blood and microbiology tests) are checked by
 * analyte and by the disease words in `test-concerns.ts` instead.
 */
export const TEST_REGIONS: Record<string, string[]> = {
  'chest-xray': ['chest'],
  'abdominal-xray': ['abdomen'],
  'xray-extremity': ['limb', 'joint'],
  'xray-spine': ['spine'],
  'ct-head': ['brain'],
  'cta-head-neck': ['brain', 'carotid'],
  'mri-brain': ['brain'],
  'mri-spine': ['spine'],
  'ct-chest': ['chest', 'aorta'],
  'ct-pulmonary-angiogram': ['chest'],
  'ct-angiography-aorta': ['aorta', 'chest'],
  'ct-abdomen-pelvis': ['abdomen', 'kidney', 'pelvis', 'appendix'],
  'ct-kub': ['kidney', 'abdomen', 'appendix'],
  'ct-neck': ['neck', 'throat'],
  'ct-sinus': ['sinus'],
  'ultrasound-abdomen': ['abdomen', 'hepatobiliary', 'kidney'],
  'ultrasound-ruq': ['hepatobiliary'],
  'ultrasound-pelvis': ['pelvis'],
  'ultrasound-renal': ['kidney', 'bladder'],
  'ultrasound-scrotal': ['scrotum'],
  'ultrasound-thyroid': ['neck'],
  'ultrasound-obstetric': ['pregnancy'],
  'ultrasound-appendix': ['appendix'],
  'doppler-leg-veins': ['leg-veins'],
  'carotid-doppler': ['carotid'],
  'vq-scan': ['chest'],
  'hida-scan': ['hepatobiliary'],
  mammogram: ['breast'],
  'dexa-scan': ['bone-density'],
  'ecg-12-lead': ['rhythm', 'coronary'],
  'holter-monitor': ['rhythm'],
  'exercise-stress-test': ['rhythm', 'coronary', 'heart'],
  'echo-transthoracic': ['heart'],
  'echo-transesophageal': ['heart', 'aorta'],
  'lumbar-puncture': ['meninges'],
  paracentesis: ['ascites'],
  thoracentesis: ['pleura'],
  arthrocentesis: ['joint'],
  'upper-endoscopy': ['upper-gi'],
  colonoscopy: ['colon'],
  'bone-marrow-biopsy': ['marrow'],
  'skin-biopsy': ['skin'],
  'lymph-node-biopsy': ['lymph-nodes'],
  eeg: ['seizure', 'brain'],
  'nerve-conduction-emg': ['nerve-muscle'],
  'pulmonary-function-tests': ['airways'],
  polysomnography: ['sleep'],
  'coronary-angiography': ['coronary'],
  laryngoscopy: ['throat'],
  'temporal-artery-biopsy': ['temporal-artery'],
  'visual-acuity': ['eye'],
  tonometry: ['eye'],
  'slit-lamp-exam': ['eye'],
  fundoscopy: ['eye'],
  audiometry: ['ear'],
  'phq-9': ['mood'],
  'gad-7': ['anxiety'],
  moca: ['cognition'],
  'nonstress-test': ['pregnancy'],
  'orthostatic-vitals': ['volume'],
  'peak-flow': ['airways'],
  'bladder-scan': ['bladder'],
  'wet-mount': ['vagina'],
  'koh-prep': ['skin'],
};
