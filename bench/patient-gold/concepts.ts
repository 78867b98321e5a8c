/**
 * Review-of-systems concepts for the gold generator: how clinicians and
 * parents actually ask about a symptom (lay and professional wording), which
 * fact topics answer it, and a deliberately broad pattern of anything that
 * touches the subject, used to decide that a case is silent on it. Written
 * for the gold set from clinical practice, independently of the patient's
 * own vocabulary, so the set tests understanding rather than a word list.
 */
export interface Concept {
  id: string;
  /** A fact whose topic matches answers the question. */
  topic: RegExp;
  /** A fact whose alias matches answers it too, if its answer text also matches `broad`. */
  alias?: RegExp;
  /** A related fact answers it too when its answer says so ("dry cough" answers "any phlegm?"). */
  also?: { topic: RegExp; answer: RegExp };
  /** Anything in a case (topic, alias or answer) matching this means the case is not silent on it. */
  broad: RegExp;
  /** Lay wording, first person: {you} {your} {are} {have} {do} {him} {his} {he} are filled per speaker. */
  lay: string[];
  /** Professional wording (the "direct" kind). */
  pro?: string[];
  /** Who may be asked: adults only, children only, females, males, pregnant. */
  who?: 'adult' | 'child' | 'female' | 'male' | 'pregnant' | 'any';
  /** Never used as a negative (too easily covered by something the case implies). */
  noNegative?: boolean;
}

export const CONCEPTS: Concept[] = [
  {
    id: 'fever', topic: /^fever$/, alias: /^(fevers?|temperatures?|high temperature|chills|rigou?rs|shivering|feverish)$/,
    broad: /fever|temperature|hot|chill|rigou?r|sweat|shiver|warm|\b(3[89]|40)[.,]\d/,
    lay: ['{Have} {you} had a temperature?', '{Have} {you} been feeling hot and cold?', 'Any fevers or shivers?', '{Have} {you} felt feverish at all?', 'Any temperatures at home?', 'Has there been any fever?', 'Running a temperature?', '{Have} {you} had the shivers?'],
    pro: ['Any pyrexia?', 'Any fevers or rigors?', 'Has there been any documented fever?'],
  },
  {
    id: 'breathless', topic: /^shortness of breath$|^breathing/, alias: /^(shortness of breath|breathless|breathlessness|breathless on stairs|dyspn(o)?ea|difficulty breathing|trouble breathing|breathing difficulty|cant breathe|breathing fast|fast breathing|working hard to breathe)$/,
    broad: /breath|puff|winded|wheez|\bair\b|gasp|dyspn|respirat|pant/,
    lay: ['{Are} {you} short of breath?', 'Getting puffed out?', 'Any trouble catching {your} breath?', '{Do} {you} get winded easily?', 'Is {your} breathing OK?', 'Any breathlessness?', 'Any difficulty breathing?', '{Do} {you} feel out of breath?'],
    pro: ['Any dyspnoea?', 'Any dyspnea on exertion?', 'What is {your} exercise tolerance like with regard to breathing?'],
  },
  {
    id: 'cough', topic: /^cough$/, broad: /cough|phlegm|sputum|spit|mucus/,
    lay: ['Got a cough?', '{Have} {you} been coughing?', 'Any coughing?', 'Any cough at all?', 'Is there a cough?'],
    pro: ['Any cough?', 'Is there a cough, dry or productive?'],
  },
  {
    id: 'sputum', topic: /^sputum$/, also: { topic: /^cough$/, answer: /\b(dry|phlegm|sputum|mucus|bringing)\b/ }, broad: /cough|phlegm|sputum|spit|mucus/,
    lay: ['{Are} {you} bringing anything up when {you} cough?', 'Coughing up any phlegm?', 'Is the cough bringing up any gunk?'],
    pro: ['Any sputum production?', 'What colour is the sputum?'],
  },
  {
    id: 'haemoptysis', topic: /^hemoptysis$/, also: { topic: /^(cough|sputum)$/, answer: /\bblood/ }, broad: /blood|cough|h(a)?emopt/,
    lay: ['Any blood when {you} cough?', '{Have} {you} coughed up any blood?', 'Ever seen blood in what {you} cough up?'],
    pro: ['Any haemoptysis?', 'Any hemoptysis?'],
  },
  {
    id: 'chest-pain', topic: /^chest pain$/, broad: /chest|angina|breastbone|sternum/,
    lay: ['Any pain in {your} chest?', 'Any chest pain or tightness?', 'Does {your} chest hurt?', 'Any discomfort in the chest?'],
    pro: ['Any chest pain?', 'Any anginal chest pain?'],
  },
  {
    id: 'palpitations', topic: /^palpitations$/, broad: /heart|palpit|pound|racing|flutter|thump|skip/,
    lay: ['{Do} {you} ever feel {your} heart racing?', 'Any fluttering in {your} chest?', 'Is {your} heart pounding or skipping beats?', 'Aware of {your} heartbeat at all?', 'Any racing heart?'],
    pro: ['Any palpitations?'],
  },
  {
    id: 'syncope', topic: /^syncope$/, alias: /faint|collapse|black ?out|passed out/,
    broad: /faint|black(ed)? ?out|pass(ed)? out|collaps|dizz|light ?headed|grey|gray|conscious|unresponsive|floor|came round|went down/,
    lay: ['{Have} {you} fainted or passed out?', 'Any blackouts?', 'Ever keeled over?', '{Have} {you} lost consciousness at all?', 'Any collapses?'],
    pro: ['Any syncope?', 'Any transient loss of consciousness?'],
  },
  {
    id: 'dizzy', topic: /^(presyncope|dizziness)$/, alias: /dizz|light ?headed/,
    broad: /dizz|light ?headed|faint|spin|vertigo|giddy|woozy|unsteady|balance|grey|gray|wobbl/,
    lay: ['Feeling dizzy or lightheaded?', 'Any dizzy spells?', '{Do} {you} feel woozy at all?', 'Any light-headedness?', 'Feeling faint?'],
    pro: ['Any presyncope?', 'Any dizziness?'],
  },
  {
    id: 'leg-swelling', topic: /^(leg swelling|swollen hands and feet)$/, alias: /ankle swelling|oedema|edema|swollen leg/,
    broad: /swell|swollen|ankle|o?edema|puff|calf|leg|feet|shoes/,
    lay: ['Any swelling in {your} ankles?', '{Are} {your} legs puffy?', 'Have {your} feet or ankles swollen up?', 'Any swollen legs?'],
    pro: ['Any peripheral oedema?', 'Any pedal edema?'],
  },
  {
    id: 'orthopnoea', topic: /^orthopnea$/, broad: /lie flat|lying flat|pillow|orthopn|breath|sleep|night/,
    lay: ['Can {you} lie flat at night?', 'How many pillows {do} {you} sleep on?', '{Do} {you} wake up at night gasping for air?'],
    pro: ['Any orthopnoea or PND?', 'Any orthopnea?'], who: 'adult',
  },
  {
    id: 'calf', topic: /^calf pain$/, broad: /calf|leg|swell|clot|dvt/,
    lay: ['Any pain in {your} calves?', 'Any sore or swollen calf?', 'Any pain in the back of {your} legs?'],
    pro: ['Any calf tenderness or unilateral leg swelling?'],
  },
  {
    id: 'weight', topic: /^weight (loss|gain)$/, alias: /weight/,
    broad: /weight|kilo|pounds|\blbs?\b|stone|clothes|jeans|loose|thin|appetite|\bkg\b|fat|belt|skinn/,
    lay: ['{Have} {you} lost any weight?', 'Any change in {your} weight?', 'Are {your} clothes looser than they were?', '{Have} {you} put on or lost weight lately?', 'Has {your} weight changed at all?'],
    pro: ['Any unintentional weight loss?', 'Any weight change?'],
  },
  {
    id: 'appetite', topic: /^appetite$/, alias: /appetite/, broad: /appetite|\beat|hungry|food|starv|feed|meal/,
    lay: ["How's {your} appetite?", '{Are} {you} eating OK?', 'Off {your} food at all?', 'Eating normally?'],
    pro: ['Any anorexia or change in appetite?'],
  },
  {
    id: 'fatigue', topic: /^(fatigue|energy and activity)$/, alias: /^(tired|tiredness|fatigue|lethargic|lethargy|exhausted|exhaustion|malaise|run down|no energy|low energy|sluggish)$/,
    broad: /tired|fatigu|exhaust|energy|wiped|worn out|weak|weary|drained|letharg|sleepy|run down|washed out|floppy/,
    lay: ['{Have} {you} been feeling tired?', "How's {your} energy?", 'Feeling run down?', 'Any tiredness?', '{Have} {you} been more tired than usual?', 'Feeling wiped out?'],
    pro: ['Any fatigue or lethargy?', 'Any malaise?'],
  },
  {
    id: 'night-sweats', topic: /^night sweats$/, broad: /sweat|drench|soak|night/,
    lay: ['{Do} {you} sweat at night?', 'Waking up drenched?', 'Any soaking sweats at night?', '{Have} {you} had to change the sheets because of sweating?'],
    pro: ['Any night sweats?'],
  },
  {
    id: 'sweating', topic: /^sweating$/, broad: /sweat|clammy|drench|perspir/,
    lay: ['{Have} {you} been sweaty or clammy?', 'Any sweating?', 'Did {you} break out in a sweat?'],
    pro: ['Any diaphoresis?'],
  },
  {
    id: 'headache', topic: /^headache$/, broad: /head/,
    lay: ['Any headaches?', 'Is {your} head hurting?', 'Sore head at all?', '{Have} {you} had a headache?', 'Any pain in {your} head?'],
    pro: ['Any headache?'],
  },
  {
    id: 'neck-stiffness', topic: /^neck stiffness$/, broad: /neck/,
    lay: ['Is {your} neck stiff?', 'Can {you} bend {your} chin down to {your} chest?', 'Any stiffness in the neck?'],
    pro: ['Any neck stiffness?', 'Any meningism?'],
  },
  {
    id: 'photophobia', topic: /^photophobia$/, broad: /light|bright|photophob|eye/,
    lay: ['Does light bother {your} eyes?', 'Do bright lights hurt {your} eyes?', 'Is {your} head worse in bright light?'],
    pro: ['Any photophobia?'],
  },
  {
    id: 'vision', topic: /^(vision change|visual aura|central vision|floaters|flashing lights|colou?r vision)$/,
    broad: /vision|\bsee|sight|eye|blur|double|dark|blind|light|floater|flash|read/,
    lay: ['Any problems with {your} eyesight?', 'Is {your} vision OK?', 'Any blurry or double vision?', 'Seeing OK?', 'Any change in {your} sight?'],
    pro: ['Any visual disturbance?'],
  },
  {
    id: 'hearing', topic: /^hearing loss$/, broad: /hear|\bear|deaf|tinnitus|ring/,
    lay: ['Any trouble hearing?', 'Is {your} hearing OK?', 'Any change in {your} hearing?'],
    pro: ['Any hearing loss?'],
  },
  {
    id: 'tinnitus', topic: /^tinnitus$/, broad: /hear|\bear|ring|buzz|hiss|tinnitus|whoosh/,
    lay: ['Any ringing in {your} ears?', 'Any buzzing or whooshing noises in {your} ears?'],
    pro: ['Any tinnitus?'],
  },
  {
    id: 'ear', topic: /^(ear pain|ear discharge)$/, broad: /\bears?\b|earache/,
    lay: ['Any earache?', 'Sore ears?', 'Any pain or gunk coming from {your} ears?'],
    pro: ['Any otalgia or otorrhoea?'],
  },
  {
    id: 'sore-throat', topic: /^sore throat$/, broad: /throat|swallow|tonsil/,
    lay: ['Any sore throat?', 'Is {your} throat sore?', 'Throat OK?'],
    pro: ['Any pharyngitis symptoms, sore throat?'],
  },
  {
    id: 'dysphagia', topic: /^dysphagia$/, broad: /swallow|throat|stick|chok|drool/,
    lay: ['Any trouble swallowing?', 'Does food get stuck on the way down?'],
    pro: ['Any dysphagia?'],
  },
  {
    id: 'nose', topic: /^nasal symptoms$/, broad: /nose|nasal|sniff|snot|congest|cold|sinus|sneez|snuffl/,
    lay: ['Blocked or runny nose?', 'Any snuffles?', 'Any cold symptoms, like a runny nose?', 'Is {your} nose stuffy?'],
    pro: ['Any coryzal symptoms?', 'Any rhinorrhoea?'],
  },
  {
    id: 'abdominal-pain', topic: /^(abdominal pain|pelvic pain)$/, alias: /^((tummy|belly|stomach|abdominal|lower abdominal|lower belly|epigastric|pelvic|right upper quadrant|left side) (pain|ache)|stomach discomfort|cramps?|cramping|upper belly)$/,
    broad: /abdom|stomach|belly|tummy|pelvi|cramp|epigastr|\bgut|bowel|navel|groin/,
    lay: ['Any tummy pain?', 'Any pain in {your} stomach?', 'Any belly ache?', 'Does {your} tummy hurt?', 'Any pain in the abdomen?'],
    pro: ['Any abdominal pain?'],
  },
  {
    id: 'nausea', topic: /^nausea$/, alias: /nausea/, broad: /nause|sick|queasy|vomit|throw|threw|retch/,
    lay: ['Feeling sick?', '{Do} {you} feel queasy?', 'Any nausea?', 'Feeling like {you} might throw up?'],
    pro: ['Any nausea?'],
  },
  {
    id: 'vomiting', topic: /^(vomiting|hematemesis|vomit colou?r)$/, alias: /vomit|being sick|throwing up/,
    broad: /vomit|\bsick\b|throw|threw|puk|retch|spit|nause/,
    lay: ['{Have} {you} been sick?', 'Any throwing up?', 'Been vomiting at all?', 'Has there been any vomiting?', '{Have} {you} thrown up?'],
    pro: ['Any emesis?', 'Any vomiting?'],
  },
  {
    id: 'bowels', topic: /^(diarrh(o)?ea|bowel habits|constipation)$/,
    broad: /diarr|bowel|stool|\bpoo|loose|runs|toilet|constipat|nappy|nappies|diaper|motion/,
    lay: ['How are {your} bowels?', 'Any change in {your} bowel habit?', 'Bowels OK?', 'Any diarrhoea or constipation?', 'Any trouble with the toilet, number twos?'],
    pro: ['Any change in bowel habit?'],
  },
  {
    id: 'diarrhoea', topic: /^(diarrh(o)?ea|bowel habits)$/, broad: /diarr|bowel|stool|\bpoo|loose|runs|toilet|nappy|nappies|diaper|motion/,
    lay: ['Any diarrhoea?', '{Have} {you} had the runs?', 'Any loose stools?', 'Any diarrhea?'],
    pro: ['Any diarrhoea?'],
  },
  {
    id: 'constipation', topic: /^(constipation|bowel habits)$/, broad: /constipat|bowel|stool|\bpoo|toilet|nappy|nappies|diaper|motion|hard/,
    lay: ['Any constipation?', '{Are} {you} constipated?', 'Struggling to go for a poo?'],
    pro: ['Any constipation?'],
  },
  {
    id: 'blood-stool', topic: /^(blood in stool|black stools)$/, broad: /blood|black|stool|\bpoo|bowel|tarry|mel(a)?ena|rectal|redcurrant|jelly|bleed|motion/,
    lay: ['Any blood in {your} poo?', 'Have {your} stools been black or tarry?', 'Any bleeding from {your} back passage?'],
    pro: ['Any melaena or PR bleeding?', 'Any rectal bleeding?'],
  },
  {
    id: 'jaundice', topic: /^jaundice$/, broad: /yellow|jaund|colou?r|eyes/,
    lay: ['{Have} {you} gone yellow at all?', 'Has anyone said {your} eyes look yellow?', 'Any yellowing of the skin?'],
    pro: ['Any jaundice?', 'Any icterus?'],
  },
  {
    id: 'dark-urine', topic: /^dark urine$/, broad: /urine|\bpee|\bwee|water|dark|colou?r/,
    lay: ['Is {your} wee darker than usual?', 'What colour is {your} urine?', 'Any change in the colour of {your} pee?'],
  },
  {
    id: 'dysuria', topic: /^dysuria$/, broad: /\bpee|\bwee|urin|water|burn|sting|bladder|toilet/,
    lay: ['Does it burn when {you} pee?', 'Any stinging when {you} pass water?', 'Any pain passing urine?', 'Does it sting when {you} wee?'],
    pro: ['Any dysuria?'],
  },
  {
    id: 'frequency', topic: /^(urinary frequency|polyuria)$/, broad: /\bpee|\bwee|urin|water|toilet|bladder|night|loo/,
    lay: ['Going to the loo more often?', '{Are} {you} peeing a lot?', 'Up at night to pass water?', 'Needing the toilet more than normal?'],
    pro: ['Any frequency or nocturia?', 'Any polyuria?'],
  },
  {
    id: 'haematuria', topic: /^hematuria$/, broad: /blood|urin|\bpee|\bwee|water|\bred\b|pink|cola|tea/,
    lay: ['Any blood in {your} wee?', 'Is {your} urine red or pink at all?', 'Any blood when {you} pee?'],
    pro: ['Any haematuria?', 'Any hematuria?'],
  },
  {
    id: 'waterworks', topic: /^(dysuria|urinary frequency|polyuria|hematuria|urinary retention|urine output|dark urine|foamy urine)$/,
    broad: /\bpee|\bwee|urin|water|toilet|bladder|loo|nappy|nappies|diaper/,
    lay: ['Waterworks OK?', 'Any problems with {your} waterworks?', 'Any trouble passing urine?', 'How are things with {your} bladder?', 'Any waterworks trouble?'],
    pro: ['Any urinary symptoms?'],
  },
  {
    id: 'urine-output', topic: /^urine output$/, broad: /\bpee|\bwee|urin|water|toilet|bladder|nappy|nappies|diaper/,
    lay: ['{Are} {you} passing as much urine as normal?', 'Peeing less than usual?'],
    pro: ['Any oliguria?'],
  },
  {
    id: 'thirst', topic: /^thirst$/, broad: /thirst|drink|dry mouth|parched|water/,
    lay: ['{Are} {you} very thirsty?', 'Drinking more water than usual?', 'Is {your} mouth dry all the time?'],
    pro: ['Any polydipsia?'],
  },
  {
    id: 'rash', topic: /^(rash|skin lesion)$/, broad: /rash|spot|skin|blotch|hive|welt|bump|blister|itch|patch|mark|lesion|bruis|purpur|mole|peel/,
    lay: ['Any rashes?', 'Any spots or marks on {your} skin?', 'Noticed anything on {your} skin?', 'Any rash anywhere?'],
    pro: ['Any skin rash?'],
  },
  {
    id: 'itch', topic: /^itching$/, broad: /itch|scratch|prurit/,
    lay: ['Is {your} skin itchy?', 'Any itching?', 'Itchy anywhere?'],
    pro: ['Any pruritus?'],
  },
  {
    id: 'bruising', topic: /^bruising or bleeding$/, alias: /bruis/, broad: /bruis|bleed|blood|gum|nose|purpl|spot/,
    lay: ['{Do} {you} bruise easily?', 'Any bleeding gums or nosebleeds?', 'Any unusual bruises?'],
    pro: ['Any easy bruising or bleeding?'],
  },
  {
    id: 'lumps', topic: /^lumps$/, broad: /lump|gland|swell|node|mass|bump/,
    lay: ['Any lumps or bumps anywhere?', 'Any swollen glands?', 'Found any lumps?'],
    pro: ['Any lymphadenopathy?'],
  },
  {
    id: 'joints', topic: /^(joint pain|joint swelling)$/, broad: /joint|knee|ankle|wrist|hip|finger|toe|elbow|shoulder|arthrit|ache/,
    lay: ['Any achy joints?', 'Any pain or swelling in {your} joints?', 'Are {your} joints sore?'],
    pro: ['Any arthralgia?', 'Any joint pain or swelling?'],
  },
  {
    id: 'muscles', topic: /^(muscle pain|muscle weakness)$/, broad: /muscle|ache|cramp|weak|thigh|limb|stiff/,
    lay: ['Any aching muscles?', 'Any muscle pains?', 'Do {your} muscles ache?'],
    pro: ['Any myalgia?'],
  },
  {
    id: 'back', topic: /^back pain$/, broad: /back/,
    lay: ['Any backache?', 'Is {your} back sore?', 'Any pain in {your} back?'],
    pro: ['Any back pain?'],
  },
  {
    id: 'weakness', topic: /^focal weakness$/, broad: /weak|numb|tingl|speech|speak|word|face|droop|\barm|\bleg|move|stroke/,
    lay: ['Any weakness in {your} arms or legs?', '{Have} {you} lost strength anywhere?', 'Any trouble moving one side?'],
    pro: ['Any focal neurological symptoms?', 'Any focal weakness?'],
  },
  {
    id: 'numbness', topic: /^numbness$/, broad: /numb|tingl|pins|sensation|feel/,
    lay: ['Any pins and needles?', 'Any numbness or tingling?', 'Any patches where {you} cannot feel properly?'],
    pro: ['Any paraesthesia?', 'Any sensory disturbance?'],
  },
  {
    id: 'speech', topic: /^speech difficulty$/, broad: /speech|speak|word|talk|slur/,
    lay: ['Any trouble getting {your} words out?', 'Has {your} speech changed?'],
    pro: ['Any dysarthria or dysphasia?'],
  },
  {
    id: 'drowsy', topic: /^confusion$/, broad: /confus|drowsy|sleepy|floppy|letharg|himself|herself|rous|wake/,
    lay: ['Is {he} more sleepy than usual?', 'Is {he} floppy or drowsy?', 'Is {he} alert and responding to you?', 'Is {he} harder to wake than normal?'],
    who: 'child',
  },
  {
    id: 'confusion', topic: /^(confusion|memory|concentration)$/, who: 'adult', broad: /confus|muddl|memory|forget|concentrat|drowsy|sleepy|foggy|sense|recogni|disorient|nonsense|floppy|himself|herself/,
    lay: ['Any confusion?', 'Any trouble thinking straight?', 'Any memory problems?', 'Any muddled thinking?'],
    pro: ['Any altered mental status?'],
  },
  {
    id: 'seizure', topic: /^seizure$/, broad: /\bfit|seiz|shak|jerk|convuls|tongue|stiff|twitch/,
    lay: ['Any fits or seizures?', '{Have} {you} had a fit?', 'Any funny turns with shaking?'],
    pro: ['Any seizure activity?'],
  },
  {
    id: 'mood', topic: /^(mood|anhedonia|guilt)$/, broad: /mood|\blow\b|depress|\bsad|down|happy|enjoy|stress|anx|worr|irritab|tearful|\bcry|flat|fantastic/,
    lay: ["How's {your} mood been?", '{Have} {you} been feeling down?', 'Feeling low at all?', 'How {have} {you} been in {your}self, mood-wise?'],
    pro: ['Any low mood or anhedonia?'], who: 'adult',
  },
  {
    id: 'sleep', topic: /^sleep$/, broad: /sleep|night|insomnia|\bwake|awake|tired|\bbed/,
    lay: ['How {are} {you} sleeping?', 'Any trouble sleeping?', 'Sleeping OK?'],
    pro: ['Any insomnia?'],
  },
  {
    id: 'suicidal', topic: /^suicidal thoughts$/, broad: /suicid|kill|\bdie\b|end it|harm|hurt myself|dead|life|overdose/,
    lay: ['{Have} {you} had any thoughts of harming {your}self?', '{Have} {you} felt life is not worth living?', 'Any thoughts of ending {your} life?'],
    pro: ['Any suicidal ideation?'], who: 'adult',
  },
  {
    id: 'anxiety', topic: /^anxiety$/, broad: /anx|worr|nerv|panic|stress|edge|fear|scared|restless/,
    lay: ['{Have} {you} been feeling anxious?', 'Feeling on edge?', 'Any panicky feelings?'],
    pro: ['Any anxiety symptoms?'], who: 'adult',
  },
  {
    id: 'heat-intolerance', topic: /^heat intolerance$/, broad: /\bhot\b|heat|temperature|sweat|warm|boiling/,
    lay: ['{Do} {you} feel the heat more than other people?', 'Finding hot weather hard to bear?'],
    pro: ['Any heat intolerance?'], who: 'adult',
  },
  {
    id: 'cold-intolerance', topic: /^cold intolerance$/, broad: /cold|temperature|cardigan|shiver|chilly|freez/,
    lay: ['{Do} {you} feel the cold more than other people?', 'Always feeling chilly?'],
    pro: ['Any cold intolerance?'], who: 'adult',
  },
  {
    id: 'hair', topic: /^hair loss$/, broad: /hair|bald|scalp/,
    lay: ['Any hair loss?', 'Is {your} hair falling out?', 'Any thinning of {your} hair?'],
    pro: ['Any alopecia?'],
  },
  {
    id: 'tremor', topic: /^tremor$/, broad: /shak|trem|jitter|spill|twitch/,
    lay: ['Any shakiness in {your} hands?', 'Are {your} hands shaky?', 'Any trembling?'],
    pro: ['Any tremor?'],
  },
  {
    id: 'red-eye', topic: /^(red eye|eye pain)$/, broad: /\beyes?\b/,
    lay: ['Are {your} eyes red or sore?', 'Any sore eyes?', 'Any redness in {your} eyes?'],
    pro: ['Any red eye?', 'Any ocular pain?'],
  },
  {
    id: 'mouth', topic: /^(mouth ulcers|sore tongue|mouth changes)$/, broad: /mouth|\blips?\b|tongue|ulcer|gum/,
    lay: ['Any mouth ulcers?', 'Any sores in {your} mouth?', 'Any problems with {your} mouth or lips?'],
    pro: ['Any oral ulceration?'],
  },
  {
    id: 'pv-bleeding', topic: /^vaginal bleeding$/, broad: /bleed|blood|period|spot|discharge|clot/,
    lay: ['Any bleeding from down below?', 'Any spotting or bleeding?', 'Any bleeding from the vagina?'],
    pro: ['Any PV bleeding?', 'Any vaginal bleeding?'], who: 'female',
  },
  {
    id: 'discharge', topic: /^genital discharge$/, broad: /discharge|smell|itch|down below|genital|vagin|penis|drip/,
    lay: ['Any unusual discharge?', 'Any discharge from down below?'],
    pro: ['Any genital discharge?'], who: 'adult',
  },
  {
    id: 'genital-sores', topic: /^genital sores$/, broad: /sore|ulcer|blister|genital|down below|penis|vagin|private/,
    lay: ['Any sores or blisters on {your} private parts?', 'Any ulcers down below?'],
    pro: ['Any genital ulceration?'], who: 'adult',
  },
  {
    id: 'testicular', topic: /^testicular pain$/, broad: /testic|testes|balls|scrot|groin/,
    lay: ['Any pain in {your} testicles?', 'Any pain in {your} balls?'],
    pro: ['Any scrotal pain?'], who: 'male',
  },
  {
    id: 'wheeze', topic: /^(wheeze|noisy breathing)$/, broad: /wheez|whistl|noisy|stridor|breath|rattl|crackl/,
    lay: ['Any wheezing?', 'Is {your} chest whistly?', 'Any noisy breathing?'],
    pro: ['Any wheeze?'],
  },
  {
    id: 'bloating', topic: /^abdominal swelling$/, broad: /swell|bloat|distend|belly|tummy|abdom|girth|bigger/,
    lay: ['Has {your} tummy swollen up?', 'Any bloating?', 'Is {your} belly bigger than usual?'],
    pro: ['Any abdominal distension?'],
  },
  {
    id: 'snoring', topic: /^(snoring|pauses in breathing)$/, broad: /snor|sleep|breath|apn/,
    lay: ['{Do} {you} snore?', 'Has anyone said {you} stop breathing in {your} sleep?'],
    pro: ['Any symptoms of sleep apnoea?'], who: 'adult',
  },
  {
    id: 'flank', topic: /^flank pain$/, broad: /flank|loin|side|back|kidney/,
    lay: ['Any pain in {your} side or loin?', 'Any pain round the side, by the kidneys?'],
    pro: ['Any loin pain?'],
  },
  {
    id: 'voices', topic: /^hallucinations$/, broad: /voice|hear|\bsee|hallucin|things|vision/,
    lay: ['{Do} {you} ever hear voices other people cannot?', '{Do} {you} see or hear things others do not?'],
    pro: ['Any auditory or visual hallucinations?'], who: 'adult',
  },
  {
    id: 'fetal-movements', topic: /^fetal movements$/, broad: /baby|move|kick|fetal|foetal/,
    lay: ['Is the baby moving as normal?', "How are the baby's movements?", 'Feeling the baby kick?'],
    pro: ['Any reduced fetal movements?'], who: 'pregnant', noNegative: true,
  },
  {
    id: 'contractions', topic: /^contractions$/, broad: /contraction|tighten|labou?r|cramp/,
    lay: ['Any tightenings?', '{Are} {you} having contractions?'],
    who: 'pregnant', noNegative: true,
  },
  {
    id: 'leaking', topic: /^leaking fluid$/, broad: /fluid|waters|leak|wet/,
    lay: ['Any leaking of fluid from down below?', 'Have {your} waters gone?'],
    pro: ['Any rupture of membranes?'], who: 'pregnant', noNegative: true,
  },
  {
    id: 'feeding', topic: /^feeding$/, broad: /feed|bottle|breast|milk|\beat|drink|formula/,
    lay: ["How's {he} feeding?", 'Is {he} taking {his} milk?', 'Is {he} eating and drinking OK?', 'How much is {he} taking at each feed?'],
    who: 'child',
  },
  {
    id: 'nappies', topic: /^wet nappies$/, broad: /nappy|nappies|diaper|\bwee|\bpee|urin/,
    lay: ['How many wet nappies today?', 'Is {he} having plenty of wet diapers?', 'Nappies normal?', 'Is {he} still weeing as much?'],
    who: 'child',
  },
  {
    id: 'irritable', topic: /^irritability$/, broad: /irritab|grizzl|fuss|unsettl|cry|grump|mood|whing|clingy|inconsolab/,
    lay: ['Has {he} been grumpy or unsettled?', 'Is {he} more irritable than usual?', 'Is {he} crying more than usual?'],
    who: 'child',
  },
  {
    id: 'continence', topic: /^bladder or bowel control$/, broad: /bladder|bowel|wet|accident|control|toilet|incontin|soil/,
    lay: ['Any accidents with {your} bladder or bowels?', 'Any trouble controlling {your} bladder?'],
    pro: ['Any incontinence?', 'Any sphincter disturbance?'],
  },
  {
    id: 'morning-stiffness', topic: /^morning stiffness$/, broad: /stiff|morning|loosen/,
    lay: ['{Are} {you} stiff first thing in the morning?', 'How long does it take {you} to loosen up in the morning?'],
    pro: ['Any early-morning stiffness?'], who: 'adult',
  },
  {
    id: 'trauma', topic: /^trauma$/, broad: /injur|\bfall|fell|\bhit\b|trauma|bump|knock|accident|bang|bite|bitten|scratch|wound|cut/,
    lay: ['{Have} {you} hurt {your}self recently?', 'Any falls or injuries?', 'Any knocks or bumps?'],
    pro: ['Any history of trauma?'],
  },
];
